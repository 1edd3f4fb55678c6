package dev.parley.agent.planning;

import java.time.ZonedDateTime;

/** Turns an owner's instruction into a {@link CallPlan}. */
public interface CallPlanner {

  /**
   * Plans a call.
   *
   * @param request the instruction and any values the request fixed explicitly
   * @param context the owner, their contacts and settings
   * @param now the reference time; relative dates ("this week") are read against it in the owner's
   *     zone
   */
  CallPlan plan(PlanRequest request, PlanningContext context, ZonedDateTime now);

  /** Plans a call from an instruction alone. */
  default CallPlan plan(String instruction, PlanningContext context, ZonedDateTime now) {
    return plan(PlanRequest.of(instruction), context, now);
  }
}
