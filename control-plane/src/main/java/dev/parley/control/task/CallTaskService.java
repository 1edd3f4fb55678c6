package dev.parley.control.task;

import dev.parley.control.account.AccountService;
import dev.parley.control.account.Tone;
import dev.parley.control.account.User;
import dev.parley.control.auth.Caller;
import dev.parley.control.contact.Contact;
import dev.parley.control.contact.ContactRepository;
import dev.parley.control.event.CallEventRecorder;
import dev.parley.control.guard.RateLimitAdvisor;
import dev.parley.control.infra.Json;
import dev.parley.control.infra.SqlErrors;
import dev.parley.control.notification.NotificationService;
import dev.parley.control.notification.NotificationType;
import dev.parley.control.phone.PhoneNumbers;
import dev.parley.control.safety.Consent;
import dev.parley.control.safety.ConsentRepository;
import dev.parley.control.settings.AssistantSettings;
import dev.parley.control.settings.AssistantSettingsService;
import dev.parley.control.task.CallTaskCommands.Clarify;
import dev.parley.control.task.CallTaskCommands.CreateB2bCall;
import dev.parley.control.task.CallTaskCommands.CreateCallTask;
import dev.parley.control.task.CallTaskCommands.FollowUp;
import dev.parley.control.task.planning.MissingFact;
import dev.parley.control.task.planning.PlanningInput;
import dev.parley.control.task.planning.TaskPlan;
import dev.parley.control.task.planning.TaskPlanner;
import dev.parley.control.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The rules of call tasks: creation with planning, clarification, scheduling, cancellation,
 * approvals and follow-ups. Every status change goes through {@link CallTaskStateMachine}; the rule
 * "one active task per organisation and number" is enforced by the database's partial unique index
 * and reported as a 409 naming the task that holds the number.
 */
@Singleton
public class CallTaskService {
  private static final Argument<Map<String, Object>> MAP =
      Argument.mapOf(Argument.STRING, Argument.OBJECT_ARGUMENT);
  private static final Argument<List<MissingFact>> MISSING = Argument.listOf(MissingFact.class);

  private final CallTaskRepository tasks;
  private final CallTaskStateMachine stateMachine;
  private final ApprovalRepository approvals;
  private final ContactRepository contacts;
  private final AccountService accounts;
  private final AssistantSettingsService settings;
  private final NotificationService notifications;
  private final ConsentRepository consents;
  private final CallEventRecorder events;
  private final TaskPlanner planner;
  private final PhoneNumbers phones;
  private final CallCostEstimator costs;
  private final Json json;
  private final Clock clock;
  private final RateLimitAdvisor rateLimits;
  private final TransactionOperations<Connection> transactions;

  CallTaskService(
      CallTaskRepository tasks,
      CallTaskStateMachine stateMachine,
      ApprovalRepository approvals,
      ContactRepository contacts,
      AccountService accounts,
      AssistantSettingsService settings,
      NotificationService notifications,
      ConsentRepository consents,
      CallEventRecorder events,
      TaskPlanner planner,
      PhoneNumbers phones,
      CallCostEstimator costs,
      Json json,
      Clock clock,
      TransactionOperations<Connection> transactions,
      RateLimitAdvisor rateLimits) {
    this.tasks = tasks;
    this.stateMachine = stateMachine;
    this.approvals = approvals;
    this.contacts = contacts;
    this.accounts = accounts;
    this.settings = settings;
    this.notifications = notifications;
    this.consents = consents;
    this.events = events;
    this.planner = planner;
    this.phones = phones;
    this.costs = costs;
    this.json = json;
    this.clock = clock;
    this.rateLimits = rateLimits;
    this.transactions = transactions;
  }

  /** What a new task starts from, whichever endpoint created it. */
  private record Draft(
      CallTaskKind kind,
      String instruction,
      @Nullable UUID contactId,
      @Nullable String phone,
      @Nullable BigDecimal maxPrice,
      @Nullable Tone tone,
      @Nullable TaskPriority priority,
      List<String> hardConstraints,
      List<String> softPreferences,
      @Nullable Instant scheduledFor,
      @Nullable Integer maxAttempts,
      @Nullable UUID parentTaskId,
      @Nullable Map<String, Object> attestation) {}

  /** Creates a personal call task and plans it. */
  public CallTask create(Caller caller, CreateCallTask command) {
    return create(caller, command, CallTaskKind.PERSONAL);
  }

  /** Creates a call task of {@code kind} (a reminder the reception schedules, say) and plans it. */
  public CallTask create(Caller caller, CreateCallTask command, CallTaskKind kind) {
    return createTask(
        caller,
        new Draft(
            kind,
            command.instruction().strip(),
            command.contactId(),
            command.phone(),
            command.maxPrice(),
            command.tone(),
            command.priority(),
            orEmpty(command.hardConstraints()),
            orEmpty(command.softPreferences()),
            futureOrNull("scheduledFor", command.scheduledFor()),
            command.maxAttempts(),
            null,
            null));
  }

  /**
   * Creates a business-to-business call. The attestations (all five affirmed, checked by
   * validation) are stored on the task with the signer, the time and the client's IP, and as a
   * consent record.
   */
  public CallTask createB2b(Caller caller, CreateB2bCall command, String clientIp) {
    Map<String, Object> attestation = new LinkedHashMap<>();
    attestation.put("authorizedToCall", command.attestations().authorizedToCall());
    attestation.put(
        "existingBusinessRelationship", command.attestations().existingBusinessRelationship());
    attestation.put("notTelemarketing", command.attestations().notTelemarketing());
    attestation.put("recordingDisclosure", command.attestations().recordingDisclosure());
    attestation.put("compliesWithCallingLaws", command.attestations().compliesWithCallingLaws());
    attestation.put("signerName", command.signature().name().strip());
    attestation.put("signerOrganization", command.signature().organization().strip());
    attestation.put("signedAt", clock.instant().toString());
    attestation.put("clientIp", clientIp);
    return createTask(
        caller,
        new Draft(
            CallTaskKind.B2B,
            command.instruction().strip(),
            command.contactId(),
            command.phone(),
            command.maxPrice(),
            command.tone(),
            command.priority(),
            List.of(),
            List.of(),
            futureOrNull("scheduledFor", command.scheduledFor()),
            null,
            null,
            attestation));
  }

  /** Creates a follow-up to a finished task: same callee, new instruction. */
  public CallTask followUp(Caller caller, UUID taskId, FollowUp command) {
    CallTask parent = get(caller, taskId);
    if (parent.getStatus() != CallTaskStatus.COMPLETED
        && parent.getStatus() != CallTaskStatus.FAILED) {
      throw ProblemException.conflict(
          "a follow-up needs a completed or failed task; task "
              + taskId
              + " is "
              + parent.getStatus().wire(),
          parent.getStatus().wire(),
          null);
    }
    String instruction =
        command.instruction() == null ? parent.getRawInstruction() : command.instruction().strip();
    return createTask(
        caller,
        new Draft(
            parent.getKind() == CallTaskKind.INBOUND ? CallTaskKind.PERSONAL : parent.getKind(),
            instruction,
            parent.getContactId(),
            parent.getTargetPhone(),
            parent.getMaxPrice(),
            parent.getTone(),
            parent.getPriority(),
            json.read(parent.getHardConstraints(), Argument.listOf(String.class)),
            json.read(parent.getSoftPreferences(), Argument.listOf(String.class)),
            futureOrNull("scheduledFor", command.scheduledFor()),
            parent.getMaxAttempts(),
            parent.getId(),
            parent.getAttestation() == null ? null : json.read(parent.getAttestation(), MAP)));
  }

  /**
   * A create is refused with 429 and {@code Retry-After} while the owner's dial budget for this
   * kind of call is spent; the same limits defer dials at dispatch ({@code DialGuards}).
   */
  private void refuseOverRateLimit(Connection c, Caller caller, CallTaskKind kind) {
    long seconds;
    try {
      seconds = rateLimits.retryAfterSeconds(c, caller.userId(), kind.wire());
    } catch (SQLException e) {
      throw new DataAccessException("rate-limit check failed", e);
    }
    if (seconds > 0) {
      throw ProblemException.tooManyRequests(
          "rate limit for " + kind.wire() + " calls reached; retry in " + seconds + " s", seconds);
    }
  }

  /**
   * Checks, plans and inserts a task in one transaction, so a create takes one pooled connection
   * for its reads and writes instead of one per statement. A unique violation on the active-number
   * index rolls it back and becomes a 409 naming the holder (looked up afterwards).
   */
  private CallTask createTask(Caller caller, Draft draft) {
    AtomicReference<String> target = new AtomicReference<>();
    return guardActiveSlot(
        caller.organizationId(),
        target::get,
        () ->
            transactions.executeWrite(
                status -> checkPlanAndInsert(status.getConnection(), caller, draft, target)));
  }

  private CallTask checkPlanAndInsert(
      Connection c, Caller caller, Draft draft, AtomicReference<String> target) {
    refuseOverRateLimit(c, caller, draft.kind());
    User owner = accounts.me(caller);
    AssistantSettings ownerSettings = settings.forUser(caller.userId(), caller.organizationId());
    Contact explicitContact =
        draft.contactId() == null
            ? null
            : contacts
                .findByIdAndOrganizationId(draft.contactId(), caller.organizationId())
                .orElseThrow(() -> ProblemException.invalidField("contactId", "no such contact"));
    String explicitPhone = draft.phone() == null ? null : phones.normalize("phone", draft.phone());
    String knownPhone = explicitPhone != null ? explicitPhone : phoneOf(explicitContact);
    Tone tone = draft.tone() != null ? draft.tone() : ownerSettings.defaultTone();
    ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneId.of(owner.timeZone()));
    TaskPlan plan =
        planner.plan(
            new PlanningInput(
                draft.instruction(),
                explicitContact,
                explicitPhone,
                draft.maxPrice(),
                tone,
                draft.hardConstraints(),
                draft.softPreferences(),
                owner,
                contacts.findByOwnerUserId(caller.userId()),
                ownerSettings,
                now));
    target.set(plan.targetPhone());
    boolean takesTheSlot =
        plan.missing().isEmpty()
            && !needsPreApproval(plan, ownerSettings)
            && knownPhone != null
            && knownPhone.equals(plan.targetPhone());
    if (knownPhone != null && !takesTheSlot) {
      // A task that will wait for the user does not hold the number's slot, so the partial unique
      // index would let it in beside an active one: ask. A task written as ready to call (or
      // scheduled) is refused by the index itself, the authority under concurrency, which saves
      // this read on every ordinary create.
      tasks.findActive(caller.organizationId(), knownPhone).ifPresent(CallTaskService::busyNumber);
    }
    return insertPlanned(caller, draft, tone, plan, ownerSettings);
  }

  /** Whether the plan's price limit needs the owner's approval before the task may be dialled. */
  private static boolean needsPreApproval(TaskPlan plan, AssistantSettings ownerSettings) {
    return plan.maxPrice() != null
        && plan.maxPrice().compareTo(ownerSettings.requireApprovalAmount()) > 0;
  }

  /**
   * Writes a planned task in its final state. Planning has already decided where the task goes
   * (pending -> preparing -> waiting_for_user, or -> ready_to_call and on to scheduled for a future
   * time), so the state machine inserts the row once and the whole audit trail in one statement;
   * then the consent, pre-approval and notifications the plan calls for.
   */
  private CallTask insertPlanned(
      Caller caller, Draft draft, Tone tone, TaskPlan plan, AssistantSettings ownerSettings) {
    Instant now = clock.instant();
    CallCostEstimator.Estimate estimate = costs.estimateAttempt();
    CallTask task = new CallTask();
    task.setId(UUID.randomUUID());
    task.setOrganizationId(caller.organizationId());
    task.setOwnerUserId(caller.userId());
    task.setParentTaskId(draft.parentTaskId());
    task.setTitle(titleOf(draft.instruction()));
    task.setRawInstruction(draft.instruction());
    task.setKind(draft.kind());
    task.setStatus(CallTaskStatus.PENDING);
    task.setPriority(draft.priority() == null ? TaskPriority.NORMAL : draft.priority());
    task.setTone(tone);
    task.setMaxPrice(plan.maxPrice());
    task.setCurrency("USD");
    task.setHardConstraints(json.write(plan.hardConstraints()));
    task.setSoftPreferences(json.write(plan.softPreferences()));
    task.setMaxAttempts(
        draft.maxAttempts() != null
            ? draft.maxAttempts()
            : Math.max(1, ownerSettings.autoRetry() ? ownerSettings.maxRetryAttempts() : 1));
    task.setScheduledFor(draft.scheduledFor());
    task.setAttestation(json.write(draft.attestation()));
    task.setEstimatedCost(estimate.total());
    task.setCostBreakdown(json.write(Map.of("estimated", estimate.breakdown())));
    task.setCreatedAt(now);
    task.setUpdatedAt(now);
    task.setContactId(plan.contactId());
    task.setTargetPhone(plan.targetPhone());
    Map<String, Object> document = new LinkedHashMap<>(plan.document());
    document.put("missing", plan.missing());
    task.setPlan(json.write(document));
    boolean pendingApproval = needsPreApproval(plan, ownerSettings);
    task.setNeedsUserConfirmation(pendingApproval);

    List<CallTaskStateMachine.Step> steps = new ArrayList<>(3);
    steps.add(new CallTaskStateMachine.Step(CallTaskStatus.PREPARING, Map.of()));
    if (!plan.missing().isEmpty() || pendingApproval) {
      steps.add(
          new CallTaskStateMachine.Step(
              CallTaskStatus.WAITING_FOR_USER,
              Map.of(
                  "missing",
                  plan.missing().stream().map(MissingFact::field).toList(),
                  "pendingApproval",
                  pendingApproval)));
    } else {
      steps.add(new CallTaskStateMachine.Step(CallTaskStatus.READY_TO_CALL, Map.of()));
      Instant when = task.getScheduledFor();
      if (when != null && when.isAfter(now)) {
        task.setNextAttemptAt(when);
        steps.add(
            new CallTaskStateMachine.Step(
                CallTaskStatus.SCHEDULED, Map.of("scheduledFor", when.toString())));
      }
    }
    task = stateMachine.insertNew(task, Map.of("kind", draft.kind().wire()), steps);

    if (draft.attestation() != null) {
      consents.save(
          new Consent(
              UUID.randomUUID(),
              caller.organizationId(),
              caller.userId(),
              task.getId(),
              plan.targetPhone(),
              "b2b_attestation",
              true,
              json.write(draft.attestation()),
              (String) draft.attestation().get("clientIp"),
              now));
    }
    if (pendingApproval) {
      Approval approval =
          approvals.save(
              new Approval(
                  UUID.randomUUID(),
                  task.getOrganizationId(),
                  task.getId(),
                  null,
                  plan.maxPrice(),
                  "the price limit "
                      + plan.maxPrice().toPlainString()
                      + " is above the approval threshold "
                      + ownerSettings.requireApprovalAmount().toPlainString(),
                  ApprovalStatus.PENDING,
                  null,
                  now,
                  null));
      notifications.notify(
          task.getOrganizationId(),
          task.getOwnerUserId(),
          task.getId(),
          NotificationType.CALL_PRE_APPROVAL,
          Map.of(
              "taskId", task.getId().toString(),
              "approvalId", approval.id().toString(),
              "amount", plan.maxPrice()));
    }
    if (!plan.missing().isEmpty()) {
      notifications.notify(
          task.getOrganizationId(),
          task.getOwnerUserId(),
          task.getId(),
          NotificationType.CALL_NEEDS_CLARIFICATION,
          Map.of(
              "taskId",
              task.getId().toString(),
              "missing",
              plan.missing().stream().map(MissingFact::field).toList(),
              "questions",
              plan.missing().stream().map(MissingFact::question).toList()));
    }
    return task;
  }

  /** waiting/preparing -> ready_to_call, then on to scheduled if a future time was asked for. */
  private CallTask becomeReady(CallTask task) {
    task = stateMachine.transition(task, CallTaskStatus.READY_TO_CALL, Map.of());
    Instant when = task.getScheduledFor();
    if (when != null && when.isAfter(clock.instant())) {
      task.setNextAttemptAt(when);
      task =
          stateMachine.transition(
              task, CallTaskStatus.SCHEDULED, Map.of("scheduledFor", when.toString()));
    }
    return task;
  }

  /** A task of the caller's organisation; any other id is 404. */
  public CallTask get(Caller caller, UUID id) {
    return tasks
        .findByIdAndOrganizationId(id, caller.organizationId())
        .orElseThrow(() -> ProblemException.notFound("call task", id));
  }

  /** A filtered page of the caller's organisation's tasks, newest first. */
  public List<CallTask> list(
      Caller caller,
      @Nullable CallTaskStatus status,
      @Nullable Instant createdFrom,
      @Nullable Instant createdTo,
      @Nullable TaskCursor after,
      int offset,
      int limit) {
    return tasks.page(
        caller.organizationId(),
        status == null ? null : status.wire(),
        createdFrom,
        createdTo,
        after == null ? null : after.createdAt(),
        after == null ? null : after.id(),
        limit,
        offset);
  }

  public long count(
      Caller caller,
      @Nullable CallTaskStatus status,
      @Nullable Instant createdFrom,
      @Nullable Instant createdTo) {
    return tasks.countMatching(
        caller.organizationId(), status == null ? null : status.wire(), createdFrom, createdTo);
  }

  public List<Approval> approvals(UUID taskId) {
    return approvals.findByTaskIdOrderByCreatedAt(taskId);
  }

  /**
   * Applies the owner's answers to a task waiting for them; once nothing required is missing (and
   * no pre-approval is pending) the task becomes ready to call.
   */
  public CallTask clarify(Caller caller, UUID taskId, Clarify command) {
    CallTask current = get(caller, taskId);
    String phone = command.phone() == null ? null : phones.normalize("phone", command.phone());
    Contact contact =
        command.contactId() == null
            ? null
            : contacts
                .findByIdAndOrganizationId(command.contactId(), caller.organizationId())
                .orElseThrow(() -> ProblemException.invalidField("contactId", "no such contact"));
    String target = phone != null ? phone : phoneOf(contact);
    return guardActiveSlot(
        caller.organizationId(),
        target != null ? target : current.getTargetPhone(),
        () ->
            transactions.executeWrite(
                status -> applyClarification(caller, taskId, command, phone, contact)));
  }

  private CallTask applyClarification(
      Caller caller,
      UUID taskId,
      Clarify command,
      @Nullable String phone,
      @Nullable Contact contact) {
    CallTask task = get(caller, taskId);
    if (task.getStatus() != CallTaskStatus.WAITING_FOR_USER) {
      CallTaskStateMachine.check(task, CallTaskStatus.READY_TO_CALL);
      throw ProblemException.conflict(
          "call task " + taskId + " is not waiting for clarification",
          task.getStatus().wire(),
          null);
    }
    Map<String, Object> document =
        task.getPlan() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(json.read(task.getPlan(), MAP));
    List<MissingFact> missing = new ArrayList<>(missingOf(document));
    Map<String, Object> answers = new LinkedHashMap<>();
    if (document.get("answers") instanceof Map<?, ?> previous) {
      previous.forEach((k, v) -> answers.put(String.valueOf(k), v));
    }
    if (contact != null) {
      task.setContactId(contact.id());
      task.setTargetPhone(contact.phone());
    }
    if (phone != null) {
      task.setTargetPhone(phone);
    }
    if (contact != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", contact.id().toString());
      c.put("name", contact.name());
      c.put("company", contact.company());
      c.put("phone", contact.phone());
      c.put("notes", contact.notes());
      c.put("kind", contact.kind().wire());
      document.put("contact", c);
    }
    if (task.getTargetPhone() != null) {
      missing.removeIf(
          m -> m.field().equals(MissingFact.CONTACT_PHONE) || m.field().equals("contact"));
      document.put("target_phone", task.getTargetPhone());
    }
    if (command.answers() != null) {
      answers.putAll(command.answers());
      missing.removeIf(m -> command.answers().containsKey(m.field()));
    }
    if (command.maxPrice() != null) {
      task.setMaxPrice(command.maxPrice());
      document.put(
          "money_limit",
          Map.of(
              "max",
              command.maxPrice().toPlainString(),
              "currency",
              "USD",
              "raw",
              "clarification"));
      missing.removeIf(m -> m.field().equals("money_limit"));
    }
    document.put("answers", answers);
    document.put("missing", missing);
    task.setPlan(json.write(document));
    boolean approvalPending = refreshPreApproval(caller, task);
    events.record(
        task.getOrganizationId(),
        task.getId(),
        null,
        "task.clarified",
        null,
        null,
        Map.of(
            "answered",
            answers.keySet(),
            "stillMissing",
            missing.stream().map(MissingFact::field).toList()));
    if (missing.isEmpty() && !approvalPending && task.getTargetPhone() != null) {
      return becomeReady(task);
    }
    task.setUpdatedAt(clock.instant());
    return tasks.update(task);
  }

  /**
   * After the price limit changed: a pending pre-approval that the new limit no longer needs is
   * withdrawn (declined by the system). Returns whether one is still pending.
   */
  private boolean refreshPreApproval(Caller caller, CallTask task) {
    AssistantSettings ownerSettings =
        settings.forUser(task.getOwnerUserId(), task.getOrganizationId());
    boolean needed =
        task.getMaxPrice() != null
            && task.getMaxPrice().compareTo(ownerSettings.requireApprovalAmount()) > 0;
    boolean pending = false;
    for (Approval a : approvals.findByTaskIdOrderByCreatedAt(task.getId())) {
      if (a.sessionId() != null || a.status() != ApprovalStatus.PENDING) {
        continue;
      }
      if (needed && a.amount() != null && a.amount().compareTo(task.getMaxPrice()) >= 0) {
        pending = true;
      } else {
        approvals.update(decided(a, ApprovalStatus.DECLINED, caller.userId()));
      }
    }
    task.setNeedsUserConfirmation(pending);
    return pending;
  }

  /** Queues a ready task for an immediate dial (also moves a scheduled one forward). */
  @Transactional
  public CallTask startNow(Caller caller, UUID taskId) {
    CallTask task = get(caller, taskId);
    CallTaskStateMachine.check(task, CallTaskStatus.SCHEDULED);
    Instant now = clock.instant();
    task.setScheduledFor(now);
    task.setNextAttemptAt(now);
    return stateMachine.transition(task, CallTaskStatus.SCHEDULED, Map.of("startNow", true));
  }

  /** Schedules (or reschedules) a ready task for a future time. */
  @Transactional
  public CallTask schedule(Caller caller, UUID taskId, Instant when) {
    if (!when.isAfter(clock.instant())) {
      throw ProblemException.invalidField("scheduledFor", "must be in the future");
    }
    CallTask task = get(caller, taskId);
    CallTaskStateMachine.check(task, CallTaskStatus.SCHEDULED);
    task.setScheduledFor(when);
    task.setNextAttemptAt(when);
    return stateMachine.transition(
        task, CallTaskStatus.SCHEDULED, Map.of("scheduledFor", when.toString()));
  }

  /**
   * Cancels a task that has not finished; the dispatcher hangs up a live call it sees cancelled.
   */
  @Transactional
  public CallTask cancel(Caller caller, UUID taskId, @Nullable String reason) {
    CallTask task = get(caller, taskId);
    CallTaskStateMachine.check(task, CallTaskStatus.CANCELLED);
    task.setNextAttemptAt(null);
    task.setFailureReason(reason);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("reason", reason);
    detail.put("by", caller.userId().toString());
    return stateMachine.transition(task, CallTaskStatus.CANCELLED, detail);
  }

  /**
   * Records the owner's decision on a pending approval. Approving a task's pre-approval makes a
   * waiting task ready when nothing else is missing.
   */
  public Approval decide(Caller caller, UUID taskId, UUID approvalId, boolean approve) {
    CallTask current = get(caller, taskId);
    return guardActiveSlot(
        caller.organizationId(),
        current.getTargetPhone(),
        () ->
            transactions.executeWrite(
                status -> applyDecision(caller, taskId, approvalId, approve)));
  }

  private Approval applyDecision(Caller caller, UUID taskId, UUID approvalId, boolean approve) {
    CallTask task = get(caller, taskId);
    Approval approval =
        approvals
            .findByIdAndTaskIdAndOrganizationId(approvalId, taskId, caller.organizationId())
            .orElseThrow(() -> ProblemException.notFound("approval", approvalId));
    ApprovalStatus to = approve ? ApprovalStatus.APPROVED : ApprovalStatus.DECLINED;
    if (approval.status() != ApprovalStatus.PENDING) {
      throw new dev.parley.control.web.IllegalTransitionException(
          "approval " + approvalId, approval.status().wire(), to.wire());
    }
    Approval decided = approvals.update(decided(approval, to, caller.userId()));
    events.record(
        task.getOrganizationId(),
        taskId,
        approval.sessionId(),
        "approval." + to.wire(),
        ApprovalStatus.PENDING.wire(),
        to.wire(),
        Map.of("approvalId", approvalId.toString()));
    if (approve
        && approval.sessionId() == null
        && task.getStatus() == CallTaskStatus.WAITING_FOR_USER) {
      boolean otherPending =
          approvals.findByTaskIdOrderByCreatedAt(taskId).stream()
              .anyMatch(a -> a.status() == ApprovalStatus.PENDING && a.sessionId() == null);
      List<MissingFact> missing =
          task.getPlan() == null ? List.of() : missingOf(json.read(task.getPlan(), MAP));
      task.setNeedsUserConfirmation(otherPending);
      if (!otherPending && missing.isEmpty() && task.getTargetPhone() != null) {
        becomeReady(task);
      } else {
        task.setUpdatedAt(clock.instant());
        tasks.update(task);
      }
    }
    return decided;
  }

  /**
   * Asks the owner to approve committing {@code amount} during a live session (used by the agent
   * when an offer exceeds the auto-approve limit); notifies them.
   */
  @Transactional
  public Approval requestApproval(
      CallTask task, @Nullable UUID sessionId, BigDecimal amount, String reason) {
    Approval approval =
        approvals.save(
            new Approval(
                UUID.randomUUID(),
                task.getOrganizationId(),
                task.getId(),
                sessionId,
                amount,
                reason,
                ApprovalStatus.PENDING,
                null,
                clock.instant(),
                null));
    events.record(
        task.getOrganizationId(),
        task.getId(),
        sessionId,
        "approval.requested",
        null,
        ApprovalStatus.PENDING.wire(),
        Map.of("approvalId", approval.id().toString(), "amount", amount));
    notifications.notify(
        task.getOrganizationId(),
        task.getOwnerUserId(),
        task.getId(),
        NotificationType.CALL_APPROVAL_NEEDED,
        Map.of(
            "taskId",
            task.getId().toString(),
            "approvalId",
            approval.id().toString(),
            "amount",
            amount,
            "reason",
            reason));
    return approval;
  }

  /** The open questions stored in a plan document. */
  private List<MissingFact> missingOf(Map<String, Object> document) {
    Object missing = document.get("missing");
    if (missing == null) {
      return List.of();
    }
    return json.read(json.write(missing), MISSING);
  }

  private Approval decided(Approval a, ApprovalStatus to, UUID by) {
    return new Approval(
        a.id(),
        a.organizationId(),
        a.taskId(),
        a.sessionId(),
        a.amount(),
        a.reason(),
        to,
        by,
        a.createdAt(),
        clock.instant());
  }

  /**
   * Runs a write that may take a number's active slot; the partial unique index refusing it becomes
   * a 409 naming the task that holds the number.
   */
  private <T> T guardActiveSlot(UUID organizationId, @Nullable String phone, Supplier<T> write) {
    return guardActiveSlot(organizationId, () -> phone, write);
  }

  private <T> T guardActiveSlot(UUID organizationId, Supplier<String> phoneOf, Supplier<T> write) {
    try {
      return write.get();
    } catch (DataAccessException e) {
      if (!SqlErrors.isUniqueViolation(e, CallTaskRepository.ONE_ACTIVE_PER_PHONE)) {
        throw e;
      }
      String phone = phoneOf.get();
      Optional<CallTask> holder =
          phone == null ? Optional.empty() : tasks.findActive(organizationId, phone);
      throw ProblemException.conflict(
          "another call task is already active for this number"
              + holder.map(t -> " (task " + t.getId() + ")").orElse(""),
          null,
          holder.map(CallTask::getId).orElse(null));
    }
  }

  private static void busyNumber(CallTask holder) {
    throw ProblemException.conflict(
        "another call task is already active for this number (task " + holder.getId() + ")",
        null,
        holder.getId());
  }

  private static String phoneOf(@Nullable Contact contact) {
    return contact == null ? null : contact.phone();
  }

  private Instant futureOrNull(String field, @Nullable java.time.OffsetDateTime when) {
    if (when == null) {
      return null;
    }
    Instant instant = when.toInstant();
    if (!instant.isAfter(clock.instant())) {
      throw ProblemException.invalidField(field, "must be in the future");
    }
    return instant;
  }

  private static List<String> orEmpty(@Nullable List<String> list) {
    return list == null ? List.of() : list.stream().map(String::strip).toList();
  }

  /** The instruction's first line, cut at a word boundary to at most 80 characters. */
  static String titleOf(String instruction) {
    String line = instruction.strip().split("\\R", 2)[0].replaceAll("\\s+", " ");
    if (line.length() <= 80) {
      return line;
    }
    int cut = line.lastIndexOf(' ', 77);
    return line.substring(0, cut > 40 ? cut : 77) + "...";
  }
}
