package dev.parley.agent.planning;

/**
 * A fact the agent may tell the other side.
 *
 * @param field what the fact is ("full_name", "callback_phone", "note", "message")
 * @param value the fact
 */
public record SharedFact(String field, String value) {}
