package dev.parley.control.task.planning;

/**
 * Turns an instruction into a {@link TaskPlan}. The control plane's port onto the agent module's
 * planner; a task service never depends on which planner is behind it.
 */
public interface TaskPlanner {
  TaskPlan plan(PlanningInput input);
}
