package dev.parley.agent.llm;

/**
 * Hears what the LLM brains spend and when they fall back. Called synchronously on the thread that
 * called the brain, so a per-call listener (a {@link CallLedger}) sees only its call's events.
 */
public interface BrainListener {

  /** A listener that ignores everything. */
  BrainListener NONE =
      new BrainListener() {
        @Override
        public void usage(ModelUsage usage) {}

        @Override
        public void fallback(Fallback fallback) {}
      };

  /** A model call finished; {@code usage} has its tokens and cost. */
  void usage(ModelUsage usage);

  /** The rule-based brain answered in the model's place. */
  void fallback(Fallback fallback);
}
