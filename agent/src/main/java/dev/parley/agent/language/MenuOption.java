package dev.parley.agent.language;

/**
 * One choice of an automated phone menu ("for appointments, press 1").
 *
 * @param digits the keys to press ("1", "#", "0")
 * @param label what the choice is for, lower-case ("appointments")
 * @param raw the fragment of the original text that was matched
 */
public record MenuOption(String digits, String label, String raw) {}
