package dev.parley.control.task;

import static dev.parley.control.task.CallTaskStatus.CANCELLED;
import static dev.parley.control.task.CallTaskStatus.COMPLETED;
import static dev.parley.control.task.CallTaskStatus.DIALING;
import static dev.parley.control.task.CallTaskStatus.FAILED;
import static dev.parley.control.task.CallTaskStatus.IN_PROGRESS;
import static dev.parley.control.task.CallTaskStatus.PENDING;
import static dev.parley.control.task.CallTaskStatus.PREPARING;
import static dev.parley.control.task.CallTaskStatus.READY_TO_CALL;
import static dev.parley.control.task.CallTaskStatus.SCHEDULED;
import static dev.parley.control.task.CallTaskStatus.WAITING_FOR_USER;

import dev.parley.control.event.CallEventRecorder;
import dev.parley.control.event.CallEventRecorder.NewEvent;
import dev.parley.control.web.IllegalTransitionException;
import dev.parley.control.web.ProblemException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only place a call task's status changes. The table below is the whole lifecycle; a change it
 * does not list is refused with {@link IllegalTransitionException} (409 with the current state),
 * and every accepted change is written together with a {@code task.status_changed} call event in
 * the caller's transaction.
 *
 * <pre>
 * pending ─► preparing ─► waiting_for_user ◄─► ready_to_call ─► scheduled ─► dialing ─► in_progress
 *                                                                  ▲  ↺         │            │
 *                                                                  └── retry ───┴────────────┤
 *                                                                     completed | failed ◄───┘
 * any non-terminal state ─► cancelled
 * </pre>
 */
@Singleton
public class CallTaskStateMachine {
  private static final Map<CallTaskStatus, Set<CallTaskStatus>> ALLOWED =
      new EnumMap<>(CallTaskStatus.class);

  static {
    allow(PENDING, PREPARING, FAILED, CANCELLED);
    allow(PREPARING, WAITING_FOR_USER, READY_TO_CALL, FAILED, CANCELLED);
    allow(WAITING_FOR_USER, PREPARING, READY_TO_CALL, CANCELLED);
    // ready_to_call -> waiting_for_user: something required went away (a contact lost its number).
    // ready_to_call -> dialing: the dispatcher claims due work in one statement (TaskQueue).
    allow(READY_TO_CALL, SCHEDULED, DIALING, WAITING_FOR_USER, CANCELLED);
    // scheduled -> scheduled is a reschedule (start-now or a new time); -> failed when a dial is
    // impossible before it starts (number on the do-not-call list, attempts exhausted).
    allow(SCHEDULED, SCHEDULED, DIALING, READY_TO_CALL, FAILED, CANCELLED);
    // dialing/in_progress -> scheduled is a retry after no answer, busy or a dropped call.
    // dialing -> dialing: another dispatcher takes over a claim whose lease expired before any
    // provider call was recorded (fenced by version, so the old owner cannot write afterwards).
    allow(DIALING, DIALING, IN_PROGRESS, SCHEDULED, COMPLETED, FAILED, CANCELLED);
    allow(IN_PROGRESS, COMPLETED, SCHEDULED, FAILED, CANCELLED);
    allow(COMPLETED);
    allow(FAILED);
    allow(CANCELLED);
  }

  private final CallTaskRepository tasks;
  private final CallEventRecorder events;
  private final Clock clock;

  CallTaskStateMachine(CallTaskRepository tasks, CallEventRecorder events, Clock clock) {
    this.tasks = tasks;
    this.events = events;
    this.clock = clock;
  }

  private static void allow(CallTaskStatus from, CallTaskStatus... to) {
    Set<CallTaskStatus> targets = EnumSet.noneOf(CallTaskStatus.class);
    Collections.addAll(targets, to);
    ALLOWED.put(from, Collections.unmodifiableSet(targets));
  }

  /** Whether the lifecycle allows {@code from -> to}. */
  public static boolean allows(CallTaskStatus from, CallTaskStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  /** The states {@code from} may move to. */
  public static Set<CallTaskStatus> targets(CallTaskStatus from) {
    return ALLOWED.get(from);
  }

  /** True for states with no way out. */
  public static boolean isTerminal(CallTaskStatus status) {
    return ALLOWED.get(status).isEmpty();
  }

  /** Throws the 409 for {@code task -> to} unless the lifecycle allows it. */
  public static void check(CallTask task, CallTaskStatus to) {
    if (!allows(task.getStatus(), to)) {
      throw new IllegalTransitionException(
          "call task " + task.getId(), task.getStatus().wire(), to.wire());
    }
  }

  /** One status change of a new task's first moments, with the detail its event records. */
  public record Step(CallTaskStatus to, Map<String, ?> detail) {}

  /**
   * Writes a new task that has already gone through {@code steps} from {@code pending} (planning
   * decides them before anything is written): every step is checked against the lifecycle as if it
   * were a {@link #transition}, the task is inserted once in its final state, and the audit trail
   * gets the same events the steps one by one would have written ({@code task.created}, then a
   * {@code task.status_changed} per step) in one multi-row insert. Two statements instead of two
   * per step.
   *
   * @throws IllegalTransitionException if a step is not allowed (nothing is written)
   */
  @Transactional
  public CallTask insertNew(CallTask task, Map<String, ?> createdDetail, List<Step> steps) {
    if (task.getStatus() != PENDING) {
      throw new IllegalArgumentException(
          "a new task starts pending, not " + task.getStatus().wire());
    }
    List<NewEvent> trail = new ArrayList<>(steps.size() + 1);
    trail.add(
        new NewEvent(
            task.getOrganizationId(),
            task.getId(),
            null,
            "task.created",
            null,
            PENDING.wire(),
            createdDetail));
    CallTaskStatus at = PENDING;
    for (Step step : steps) {
      if (!allows(at, step.to())) {
        throw new IllegalTransitionException(
            "call task " + task.getId(), at.wire(), step.to().wire());
      }
      trail.add(
          new NewEvent(
              task.getOrganizationId(),
              task.getId(),
              null,
              "task.status_changed",
              at.wire(),
              step.to().wire(),
              step.detail()));
      at = step.to();
    }
    task.setStatus(at);
    CallTask saved = tasks.save(task);
    events.recordAll(trail);
    return saved;
  }

  /**
   * Moves {@code task} to {@code to}, saving every other change already made on the object in the
   * same versioned update, and records the event. Returns the saved task (new version).
   *
   * @throws IllegalTransitionException if the lifecycle does not allow the change
   * @throws ProblemException 409 if another writer changed the task since it was read
   */
  @Transactional
  public CallTask transition(CallTask task, CallTaskStatus to, Map<String, ?> detail) {
    CallTaskStatus from = task.getStatus();
    check(task, to);
    task.setStatus(to);
    task.setUpdatedAt(clock.instant());
    CallTask saved;
    try {
      saved = tasks.update(task);
    } catch (OptimisticLockException e) {
      task.setStatus(from);
      String current =
          tasks.findById(task.getId()).map(t -> t.getStatus().wire()).orElse("deleted");
      throw ProblemException.conflict(
          "call task " + task.getId() + " was changed concurrently; it is now " + current,
          current,
          null);
    }
    events.record(
        saved.getOrganizationId(),
        saved.getId(),
        null,
        "task.status_changed",
        from.wire(),
        to.wire(),
        detail);
    return saved;
  }
}
