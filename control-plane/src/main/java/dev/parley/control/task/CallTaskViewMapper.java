package dev.parley.control.task;

import dev.parley.control.infra.Json;
import dev.parley.control.session.CallSessionService;
import dev.parley.control.task.CallTaskViews.ApprovalView;
import dev.parley.control.task.CallTaskViews.CallTaskDetails;
import dev.parley.control.task.CallTaskViews.CallTaskView;
import dev.parley.control.task.planning.MissingFact;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Turns stored tasks into API views. */
@Singleton
class CallTaskViewMapper {
  private final Json json;
  private final CallTaskService tasks;
  private final CallSessionService sessions;

  CallTaskViewMapper(Json json, CallTaskService tasks, CallSessionService sessions) {
    this.json = json;
    this.tasks = tasks;
    this.sessions = sessions;
  }

  CallTaskView view(CallTask t) {
    JsonNode plan = json.tree(t.getPlan());
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
        plan,
        missingOf(plan),
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
   * The open questions of a plan, read from the tree the view returns anyway. Parsing the plan into
   * a map as well, and the questions out to JSON and back, cost about 6 us of CPU per view against
   * about 2 us for the single parse (a list page maps up to 200 tasks).
   */
  private static List<MissingFact> missingOf(JsonNode plan) {
    JsonNode missing = plan == null ? null : plan.get("missing");
    if (missing == null || missing.isNull()) {
      return List.of();
    }
    List<MissingFact> out = new ArrayList<>(missing.size());
    for (JsonNode m : missing.values()) {
      out.add(new MissingFact(text(m.get("field")), text(m.get("question"))));
    }
    return out;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.coerceStringValue();
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
