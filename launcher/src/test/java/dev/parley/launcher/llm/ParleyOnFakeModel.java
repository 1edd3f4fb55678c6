package dev.parley.launcher.llm;

import dev.parley.launcher.WholeCallHarness;

/**
 * Parley started with its brains on a local fake chat-model server speaking one provider's wire
 * protocol, as the whole-call tests with a model run it: the fake server and the running Parley,
 * closed together. One place for the provider settings those tests share.
 */
final class ParleyOnFakeModel implements AutoCloseable {
  /** The fake model server the brains talk to. */
  final ConversingModelServer model;

  /** The running Parley. */
  final WholeCallHarness parley;

  private ParleyOnFakeModel(ConversingModelServer model, WholeCallHarness parley) {
    this.model = model;
    this.parley = parley;
  }

  /** On an OpenAI-compatible server as gpt-4o-mini, priced $0.15 / $0.60 per million tokens. */
  static ParleyOnFakeModel openAi(String apiKey) throws Exception {
    ConversingModelServer model = new ConversingModelServer(new OpenAiProtocol());
    return start(
        model,
        "parley.agent.provider",
        "openai",
        "openai.api.key",
        apiKey,
        "openai.base.url",
        model.url() + "/v1",
        "openai.model",
        "gpt-4o-mini",
        "parley.llm.prices",
        "gpt-4o-mini=0.15/0.60");
  }

  /** On an Anthropic Messages server, its default model priced $1 / $5 per million tokens. */
  static ParleyOnFakeModel anthropic(String apiKey) throws Exception {
    ConversingModelServer model = new ConversingModelServer(new AnthropicProtocol());
    return start(
        model,
        "parley.agent.provider",
        "anthropic",
        "anthropic.api.key",
        apiKey,
        "anthropic.base.url",
        model.url(),
        "parley.llm.prices",
        "claude-haiku-4-5=1/5");
  }

  /** Starts Parley with {@code settings} (name, value pairs); the server is closed if it fails. */
  private static ParleyOnFakeModel start(ConversingModelServer model, String... settings)
      throws Exception {
    try {
      return new ParleyOnFakeModel(
          model, WholeCallHarness.start(DentalBookingCall.properties(settings)));
    } catch (Exception | Error e) {
      model.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      parley.close();
    } finally {
      model.close();
    }
  }
}
