package dev.parley.agent.analysis;

/**
 * One fact taken from a call.
 *
 * @param key what it is: price, appointment_time, confirmation_number, contact_person,
 *     business_name, instructions, answer, phone_number, sentiment, goal_achieved
 * @param value the value as a string in its type's canonical form (ISO-8601 for datetimes, plain
 *     decimal for numbers, true/false for booleans)
 * @param type the value's type
 * @param raw the words of the transcript it came from
 */
public record ExtractedDatum(String key, String value, ValueType type, String raw) {}
