package dev.parley.agent.language;

/**
 * An intent found in a reply.
 *
 * @param intent the intent
 * @param raw the phrase that decided it, or "" for {@link Intent#NONE}
 */
public record IntentMatch(Intent intent, String raw) {}
