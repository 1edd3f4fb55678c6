package dev.parley.agent.planning;

import java.time.ZonedDateTime;

/** Turns an owner's instruction into a {@link CallPlan}. */
public interface CallPlanner {

  /**
   * Plans a call.
   *
   * @param instruction what the owner asked for, in their words
   * @param context the owner, their contacts and settings
   * @param now the reference time; relative dates ("this week") are read against it in the owner's
   *     zone
   */
  CallPlan plan(String instruction, PlanningContext context, ZonedDateTime now);
}
