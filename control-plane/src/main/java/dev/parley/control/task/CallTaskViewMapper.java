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

  CallTaskDetails details(CallTask t) {
    return new CallTaskDetails(
        view(t),
        sessions.summariesForTask(t.getId()),
        tasks.approvals(t.getId()).stream().map(ApprovalView::of).toList(),
        t.getSummary());
  }
}
