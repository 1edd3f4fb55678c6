package dev.parley.agent.llm;

import java.math.BigDecimal;

/**
 * What one model call cost.
 *
 * @param brain the brain that made it
 * @param provider "openai" or "anthropic"
 * @param model the model name
 * @param inputTokens prompt tokens as the provider counted them
 * @param outputTokens completion tokens as the provider counted them
 * @param cost the price in the price table's currency (USD), zero when the model has no price
 */
public record ModelUsage(
    Brain brain,
    String provider,
    String model,
    long inputTokens,
    long outputTokens,
    BigDecimal cost) {}
