package dev.parley.agent.language;

/**
 * A phone number found in text.
 *
 * @param e164 the number in E.164 form ("+14155550123")
 * @param regionCode the ISO region the number belongs to ("US", "GB"), or "ZZ" if unknown
 * @param raw the fragment of the original text that was matched
 */
public record PhoneMention(String e164, String regionCode, String raw) {}
