package dev.parley.agent.llm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One call's (or one task's) model spend and fallbacks: every model call with its tokens and cost,
 * and every time the rule-based brain took over. Create one per call and pass it to {@link
 * LlmBrains#forCall(BrainListener)}. Thread-safe.
 */
public final class CallLedger implements BrainListener {

  private final List<ModelUsage> usages = new ArrayList<>();
  private final List<Fallback> fallbacks = new ArrayList<>();

  @Override
  public synchronized void usage(ModelUsage usage) {
    usages.add(usage);
  }

  @Override
  public synchronized void fallback(Fallback fallback) {
    fallbacks.add(fallback);
  }

  /** Every model call so far, in order. */
  public synchronized List<ModelUsage> usages() {
    return List.copyOf(usages);
  }

  /** Every fallback so far, in order. */
  public synchronized List<Fallback> fallbacks() {
    return List.copyOf(fallbacks);
  }

  /** Prompt tokens over all calls. */
  public synchronized long inputTokens() {
    return usages.stream().mapToLong(ModelUsage::inputTokens).sum();
  }

  /** Completion tokens over all calls. */
  public synchronized long outputTokens() {
    return usages.stream().mapToLong(ModelUsage::outputTokens).sum();
  }

  /** The cost over all calls. */
  public synchronized BigDecimal cost() {
    return usages.stream().map(ModelUsage::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
