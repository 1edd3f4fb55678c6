package dev.parley.agent.planning;

/**
 * Something the owner must answer before the call can be placed.
 *
 * @param field what is missing ("contact_phone", "contact", "money_limit", "time_window", ...)
 * @param question the question to put to the owner
 */
public record MissingFact(String field, String question) {}
