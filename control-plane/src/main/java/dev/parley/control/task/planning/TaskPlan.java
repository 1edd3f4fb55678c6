package dev.parley.control.task.planning;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A planner's result in the control plane's terms.
 *
 * @param goal one sentence saying what success is
 * @param contactId the resolved contact, or null
 * @param targetPhone the number to call in E.164, or null when unknown
 * @param maxPrice the money limit the instruction or request set, or null
 * @param hardConstraints conditions the outcome must meet (the request's and the planner's)
 * @param softPreferences conditions to aim for
 * @param missing what blocks the call until the owner answers
 * @param document the full plan as a JSON-ready tree, stored in {@code call_tasks.plan}
 */
public record TaskPlan(
    String goal,
    @Nullable UUID contactId,
    @Nullable String targetPhone,
    @Nullable BigDecimal maxPrice,
    List<String> hardConstraints,
    List<String> softPreferences,
    List<MissingFact> missing,
    Map<String, Object> document) {}
