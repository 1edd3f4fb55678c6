package dev.parley.agent.llm.client;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} field, or "message" when absent (the SSE default)
 * @param data the {@code data:} lines joined with newlines
 */
public record SseEvent(String event, String data) {}
