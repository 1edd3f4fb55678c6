package dev.parley.agent.llm;

/**
 * A model answer that could not be used, so the rule-based brain answered instead. The control
 * plane records it as a call event.
 *
 * @param brain the brain that fell back
 * @param provider the provider that failed
 * @param model the model that failed
 * @param reason why, e.g. "invalid output twice: plan JSON has no goal" or "TRANSPORT: model stream
 *     broke"
 */
public record Fallback(Brain brain, String provider, String model, String reason) {}
