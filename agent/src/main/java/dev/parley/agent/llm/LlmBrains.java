package dev.parley.agent.llm;

import dev.parley.agent.analysis.PostCallAnalyst;
import dev.parley.agent.analysis.RuleBasedPostCallAnalyst;
import dev.parley.agent.dialog.RuleBasedDialogAgent;
import dev.parley.agent.llm.analysis.LlmPostCallAnalyst;
import dev.parley.agent.llm.anthropic.AnthropicChatModel;
import dev.parley.agent.llm.anthropic.AnthropicSettings;
import dev.parley.agent.llm.client.ChatModel;
import dev.parley.agent.llm.client.HttpSettings;
import dev.parley.agent.llm.client.LlmHttpClient;
import dev.parley.agent.llm.client.Sleeper;
import dev.parley.agent.llm.dialog.LlmDialogAgent;
import dev.parley.agent.llm.openai.OpenAiChatModel;
import dev.parley.agent.llm.openai.OpenAiSettings;
import dev.parley.agent.llm.planning.LlmCallPlanner;
import dev.parley.agent.llm.reception.LlmReceptionist;
import dev.parley.agent.planning.CallPlanner;
import dev.parley.agent.planning.RuleBasedCallPlanner;
import dev.parley.agent.reception.ReceptionistAgent;
import dev.parley.agent.reception.ServiceDesk;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Parley's three brains for one provider: planner, streaming dialog agent and post-call analyst,
 * and the receptionist that answers inbound calls ({@link #receptionist}). {@code offline} gives
 * the rule-based brains; {@code openai} and {@code anthropic} give the LLM brains with the
 * rule-based ones as their fallback. Built once at startup ({@link #fromEnvironment}); {@link
 * #forCall} gives per-call views that report usage and fallbacks to that call's listener. Close the
 * root instance at shutdown.
 */
public final class LlmBrains implements AutoCloseable {

  /** Which brains. */
  public enum Provider {
    OFFLINE,
    OPENAI,
    ANTHROPIC
  }

  static final String DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1";
  static final String DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
  static final String DEFAULT_ANTHROPIC_BASE_URL = "https://api.anthropic.com";
  static final String DEFAULT_ANTHROPIC_MODEL = "claude-haiku-4-5";

  private final Provider provider;
  private final CallPlanner planner;
  private final StreamingDialogAgent dialog;
  private final PostCallAnalyst analyst;
  private final LlmHttpClient http;
  private final BrainModel model;
  private final Clock clock;
  private final BrainListener listener;

  private LlmBrains(
      Provider provider,
      CallPlanner planner,
      StreamingDialogAgent dialog,
      PostCallAnalyst analyst,
      LlmHttpClient http,
      BrainModel model,
      Clock clock,
      BrainListener listener) {
    this.provider = provider;
    this.planner = planner;
    this.dialog = dialog;
    this.analyst = analyst;
    this.http = http;
    this.model = model;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Reads the provider and its settings from environment variables (see agent/README.md):
   * PARLEY_AGENT_PROVIDER (offline, openai, anthropic; offline when unset), OPENAI_API_KEY,
   * OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_AUTH_HEADER, ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL,
   * ANTHROPIC_MODEL, ANTHROPIC_MAX_TOKENS, PARLEY_LLM_TIMEOUT_SECONDS, PARLEY_LLM_MAX_ATTEMPTS,
   * PARLEY_LLM_PRICES.
   *
   * @param env the variables, e.g. {@code System.getenv()}
   * @param clock the clock the brains read the current time from
   * @param listener hears usage and fallbacks of calls made through the root instance
   * @throws IllegalArgumentException naming the variable, when a provider is selected without its
   *     key or a value is malformed; never falls back silently
   */
  public static LlmBrains fromEnvironment(
      Map<String, String> env, Clock clock, BrainListener listener) {
    String name = value(env, "PARLEY_AGENT_PROVIDER", "offline").toLowerCase(Locale.ROOT);
    Provider provider =
        switch (name) {
          case "offline" -> Provider.OFFLINE;
          case "openai" -> Provider.OPENAI;
          case "anthropic" -> Provider.ANTHROPIC;
          default ->
              throw new IllegalArgumentException(
                  "PARLEY_AGENT_PROVIDER must be offline, openai or anthropic, not '" + name + "'");
        };
    if (provider == Provider.OFFLINE) {
      return offline(clock);
    }
    PriceTable prices = PriceTable.parse(env.get("PARLEY_LLM_PRICES"));
    HttpSettings d = HttpSettings.defaults();
    HttpSettings http =
        new HttpSettings(
            d.connectTimeout(),
            d.firstByteTimeout(),
            Duration.ofSeconds(integer(env, "PARLEY_LLM_TIMEOUT_SECONDS", 60)),
            integer(env, "PARLEY_LLM_MAX_ATTEMPTS", d.maxAttempts()),
            d.baseBackoff(),
            d.maxBackoff(),
            d.maxEventBytes());
    LlmHttpClient client = new LlmHttpClient(http, Sleeper.SYSTEM);
    ChatModel model;
    try {
      if (provider == Provider.OPENAI) {
        model =
            new OpenAiChatModel(
                new OpenAiSettings(
                    value(env, "OPENAI_BASE_URL", DEFAULT_OPENAI_BASE_URL),
                    required(env, "OPENAI_API_KEY", "openai", " (any value for a local server)"),
                    value(env, "OPENAI_MODEL", DEFAULT_OPENAI_MODEL),
                    env.get("OPENAI_AUTH_HEADER")),
                client);
      } else {
        model =
            new AnthropicChatModel(
                new AnthropicSettings(
                    value(env, "ANTHROPIC_BASE_URL", DEFAULT_ANTHROPIC_BASE_URL),
                    required(env, "ANTHROPIC_API_KEY", "anthropic", ""),
                    value(env, "ANTHROPIC_MODEL", DEFAULT_ANTHROPIC_MODEL),
                    integer(env, "ANTHROPIC_MAX_TOKENS", 1024)),
                client);
      }
    } catch (IllegalArgumentException bad) {
      client.close();
      throw bad;
    }
    return llm(provider, model, prices, clock, listener, client);
  }

  /** The rule-based brains. */
  public static LlmBrains offline(Clock clock) {
    return new LlmBrains(
        Provider.OFFLINE,
        new RuleBasedCallPlanner(),
        new RuleBasedStreamingAgent(new RuleBasedDialogAgent(clock)),
        new RuleBasedPostCallAnalyst(clock),
        null,
        null,
        clock,
        BrainListener.NONE);
  }

  /**
   * LLM brains over any {@link ChatModel}, with the rule-based brains as fallback.
   *
   * @param http the client {@code model} sends through, closed with these brains, or null
   */
  public static LlmBrains llm(
      Provider provider,
      ChatModel model,
      PriceTable prices,
      Clock clock,
      BrainListener listener,
      LlmHttpClient http) {
    BrainModel brain = new BrainModel(model, prices);
    return new LlmBrains(
        provider,
        new LlmCallPlanner(brain, new RuleBasedCallPlanner(), listener),
        new LlmDialogAgent(brain, new RuleBasedDialogAgent(clock), clock, listener),
        new LlmPostCallAnalyst(brain, new RuleBasedPostCallAnalyst(clock), listener),
        http,
        brain,
        clock,
        listener);
  }

  /**
   * The same brains reporting to {@code listener} (e.g. a {@link CallLedger} for one call). Views
   * share the root's connections; close only the root.
   */
  public LlmBrains forCall(BrainListener listener) {
    if (provider == Provider.OFFLINE) {
      return this;
    }
    return new LlmBrains(
        provider,
        ((LlmCallPlanner) planner).withListener(listener),
        ((LlmDialogAgent) dialog).withListener(listener),
        ((LlmPostCallAnalyst) analyst).withListener(listener),
        null,
        model,
        clock,
        listener);
  }

  /**
   * The receptionist for an inbound call at {@code desk} (one call's desk): the rule-based {@link
   * ReceptionistAgent} with the offline provider, else the {@link LlmReceptionist} on this
   * provider's model with the rule-based one as its fallback, reporting to this view's listener.
   */
  public StreamingDialogAgent receptionist(ServiceDesk desk) {
    ReceptionistAgent rules = new ReceptionistAgent(desk, clock);
    if (provider == Provider.OFFLINE) {
      return rules;
    }
    return new LlmReceptionist(model, desk, rules, clock, listener);
  }

  public Provider provider() {
    return provider;
  }

  public CallPlanner planner() {
    return planner;
  }

  public StreamingDialogAgent dialogAgent() {
    return dialog;
  }

  public PostCallAnalyst analyst() {
    return analyst;
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
  }

  private static String value(Map<String, String> env, String key, String otherwise) {
    String v = env.get(key);
    return v == null || v.isBlank() ? otherwise : v.trim();
  }

  private static String required(
      Map<String, String> env, String key, String provider, String hint) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(
          "PARLEY_AGENT_PROVIDER=" + provider + " needs " + key + hint);
    }
    return v.trim();
  }

  private static int integer(Map<String, String> env, String key, int otherwise) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a positive whole number, not '" + v + "'");
    }
  }
}
