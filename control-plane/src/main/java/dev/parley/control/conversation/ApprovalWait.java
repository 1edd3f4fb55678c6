package dev.parley.control.conversation;

import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An in-call approval the owner has not answered yet: looked up every {@code approvalPoll} until
 * they approve or decline through the API, or until {@code approvalTimeout} runs out, when it is
 * expired (recorded as declined). The answer is handed over on the call's own executor, once.
 */
final class ApprovalWait {
  private final CallServices services;
  private final UUID approvalId;
  private final Executor call;
  private final Runnable expire;
  private final Consumer<Decision> onDecided;
  private final long deadlineNanos;
  private ScheduledFuture<?> poll;
  private boolean done;

  /** The owner's answer, or the wait running out ({@code timedOut}, not approved). */
  record Decision(boolean approved, boolean timedOut) {}

  /**
   * Starts waiting.
   *
   * @param call the call's serial executor: checks and the answer run there
   * @param expire records the approval as expired (run on the call's executor)
   */
  ApprovalWait(
      CallServices services,
      UUID approvalId,
      Executor call,
      Runnable expire,
      Consumer<Decision> onDecided) {
    this.services = services;
    this.approvalId = approvalId;
    this.call = call;
    this.expire = expire;
    this.onDecided = onDecided;
    this.deadlineNanos = System.nanoTime() + services.config().approvalTimeout().toNanos();
    schedule();
  }

  private void schedule() {
    poll =
        services
            .scheduler()
            .schedule(
                () -> call.execute(this::check),
                services.config().approvalPoll().toMillis(),
                TimeUnit.MILLISECONDS);
  }

  private void check() {
    if (done) {
      return;
    }
    Boolean decided = services.approvalDecision(approvalId);
    if (decided == null && System.nanoTime() < deadlineNanos) {
      schedule();
      return;
    }
    done = true;
    if (decided == null) {
      expire.run();
      onDecided.accept(new Decision(false, true));
    } else {
      onDecided.accept(new Decision(decided, false));
    }
  }

  /** Stops waiting (the call ended); no answer follows. */
  void cancel() {
    done = true;
    if (poll != null) {
      poll.cancel(false);
    }
  }
}
