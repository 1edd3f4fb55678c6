package dev.parley.agent.llm;

import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.ScriptedCall;
import dev.parley.agent.llm.client.HttpSettings;
import dev.parley.agent.llm.client.LlmHttpClient;
import dev.parley.agent.llm.client.Sleeper;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.PlanningFixtures;
import dev.parley.agent.planning.RuleBasedCallPlanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The dental-booking call the LLM tests script, and recording sinks and sleepers. */
final class LlmFixtures {

  static final String INSTRUCTION =
      "Book a dental cleaning with my dentist next week, mornings if possible, no more than $150";

  static final PriceTable PRICES = PriceTable.parse("gpt-4o-mini=0.15/0.60, claude-haiku-4-5=1/5");

  private LlmFixtures() {}

  static CallPlan plan() {
    return new RuleBasedCallPlanner()
        .plan(INSTRUCTION, PlanningFixtures.CONTEXT, PlanningFixtures.NOW);
  }

  static DialogContext context() {
    return new DialogContext(plan(), PlanningFixtures.OWNER, PlanningFixtures.SETTINGS);
  }

  /** Three attempts, retries recorded instead of slept. */
  static LlmHttpClient http(RecordingSleeper sleeper) {
    HttpSettings d = HttpSettings.defaults();
    return new LlmHttpClient(
        new HttpSettings(
            d.connectTimeout(),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            3,
            Duration.ofMillis(500),
            Duration.ofSeconds(8),
            d.maxEventBytes()),
        sleeper);
  }

  static final java.time.Clock CLOCK = ScriptedCall.CLOCK;

  /** Records the waits asked for, without waiting. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration delay) {
      waits.add(delay);
    }
  }

  /** Records sentences and discards in arrival order. */
  static class RecordingSink implements SentenceSink {
    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void sentence(String sentence) {
      events.add(sentence);
    }

    @Override
    public synchronized void discard() {
      events.add("<discard>");
    }

    /** The sentences after the last discard. */
    synchronized List<String> live() {
      int cut = events.lastIndexOf("<discard>");
      return List.copyOf(events.subList(cut + 1, events.size()));
    }
  }
}
