package dev.parley.agent.llm;

import dev.parley.agent.llm.client.ChatModel;
import dev.parley.agent.llm.client.ChatRequest;
import dev.parley.agent.llm.client.ChatResponse;
import dev.parley.agent.llm.client.LlmException;
import java.util.function.Consumer;

/**
 * A chat model as the brains use it: every finished call is priced and reported to the listener,
 * and failures become {@link Fallback}s. Thread-safe.
 */
public final class BrainModel {

  private final ChatModel model;
  private final PriceTable prices;

  /** Wraps {@code model}, pricing calls with {@code prices}. */
  public BrainModel(ChatModel model, PriceTable prices) {
    this.model = model;
    this.prices = prices;
  }

  /**
   * Calls the model and reports the usage to {@code listener}.
   *
   * @throws LlmException as {@link ChatModel#complete} does
   */
  public ChatResponse call(
      Brain brain, ChatRequest request, Consumer<String> textDeltas, BrainListener listener)
      throws LlmException {
    ChatResponse r = model.complete(request, textDeltas);
    listener.usage(
        new ModelUsage(
            brain,
            model.provider(),
            model.model(),
            r.usage().inputTokens(),
            r.usage().outputTokens(),
            prices.cost(model.model(), r.usage())));
    return r;
  }

  /** Reports that {@code brain} fell back, and why. */
  public void fellBack(Brain brain, String reason, BrainListener listener) {
    listener.fallback(new Fallback(brain, model.provider(), model.model(), reason));
  }

  /** The provider's name. */
  public String provider() {
    return model.provider();
  }

  /** The model's name. */
  public String modelName() {
    return model.model();
  }
}
