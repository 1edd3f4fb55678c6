package dev.parley.control.task;

import dev.parley.control.infra.Json;
import dev.parley.control.session.CallSessionService;
import dev.parley.control.task.CallTaskViews.ApprovalView;
import dev.parley.control.task.CallTaskViews.CallTaskDetails;
import dev.parley.control.task.CallTaskViews.CallTaskView;
import dev.parley.control.task.planning.MissingFact;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** Turns stored tasks into API views. */
@Singleton
class CallTaskViewMapper {
  private static final Argument<Map<String, Object>> MAP =
      Argument.mapOf(Argument.STRING, Argument.OBJECT_ARGUMENT);

  private final Json json;
  private final CallTaskService tasks;
  private final CallSessionService sessions;

  CallTaskViewMapper(Json json, CallTaskService tasks, CallSessionService sessions) {
    this.json = json;
    this.tasks = tasks;
    this.sessions = sessions;
  }

  CallTaskView view(CallTask t) {
    List<MissingFact> missing =
        t.getPlan() == null ? List.of() : tasks.missingOf(json.read(t.getPlan(), MAP));
    return new CallTaskView(
        t.getId(),
        t.getParentTaskId(),
        t.getTitle(),
        t.getRawInstruction(),
        t.getKind(),
        t.getStatus(),
        t.getOutcome(),
        t.getPriority(),
        t.getContactId(),
        t.getTargetPhone(),
        t.getTone(),
        t.getMaxPrice(),
        t.getCurrency(),
        json.tree(t.getHardConstraints()),
        json.tree(t.getSoftPreferences()),
        t.isNeedsUserConfirmation(),
        json.tree(t.getPlan()),
        missing,
        t.getSummary(),
        t.getGoalAchieved(),
        t.isFollowUpRequired(),
        t.getAttemptCount(),
        t.getMaxAttempts(),
        t.getScheduledFor(),
        t.getNextAttemptAt(),
        t.getLastAttemptAt(),
        t.getFailureReason(),
        json.tree(t.getAttestation()),
        t.getEstimatedCost(),
        t.getActualCost(),
        json.tree(t.getCostBreakdown()),
        t.getVersion(),
        t.getCreatedAt(),
        t.getUpdatedAt());
  }

  /**
   * The details of a task this request has just created, without reading back what cannot exist
   * yet: a new task has no sessions (a dispatcher may claim it once committed, but the response
   * describes it as created), and it has an approval only when planning asked for a pre-approval,
   * which is exactly when it needs the user's confirmation.
   */
  CallTaskDetails detailsOfNew(CallTask t) {
    return new CallTaskDetails(
        view(t),
        List.of(),
        t.isNeedsUserConfirmation()
            ? tasks.approvals(t.getId()).stream().map(ApprovalView::of).toList()
            : List.of(),
        t.getSummary());
  }

  CallTaskDetails details(CallTask t) {
    return new CallTaskDetails(
        view(t),
        sessions.summariesForTask(t.getId()),
        tasks.approvals(t.getId()).stream().map(ApprovalView::of).toList(),
        t.getSummary());
  }
}
