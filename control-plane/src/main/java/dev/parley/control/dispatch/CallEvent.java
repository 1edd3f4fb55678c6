package dev.parley.control.dispatch;

import java.util.UUID;

/**
 * One row for the append-only {@code call_events} audit trail.
 *
 * @param detailJson a JSON object, already serialised (built with {@link Json#object})
 */
public record CallEvent(
    UUID organizationId,
    UUID taskId,
    UUID sessionId,
    String type,
    String fromState,
    String toState,
    String detailJson) {}
