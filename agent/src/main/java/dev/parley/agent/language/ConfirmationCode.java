package dev.parley.agent.language;

/**
 * A confirmation, booking or reference code read out in text.
 *
 * @param code the normalised code, upper-case letters and digits only ("B74X9")
 * @param raw the fragment of the original text that was matched
 */
public record ConfirmationCode(String code, String raw) {}
