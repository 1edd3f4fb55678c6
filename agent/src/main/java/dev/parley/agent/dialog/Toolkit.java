package dev.parley.agent.dialog;

import dev.parley.agent.language.ConfirmationCodeExtractor;
import dev.parley.agent.language.DateTimeExtractor;
import dev.parley.agent.language.MoneyExtractor;
import java.time.Clock;
import java.time.ZonedDateTime;

/** The clock and the fact extractors one agent shares across all the calls it serves. */
record Toolkit(
    Clock clock, MoneyExtractor money, DateTimeExtractor dates, ConfirmationCodeExtractor codes) {

  Toolkit(Clock clock) {
    this(clock, new MoneyExtractor(), new DateTimeExtractor(), new ConfirmationCodeExtractor());
  }

  /** True when {@code text} carries a price, a time or a code, not just small talk. */
  boolean hasFacts(String text) {
    return !money.extract(text).isEmpty()
        || !dates.extract(text, ZonedDateTime.now(clock)).isEmpty()
        || codes.first(text) != null;
  }
}
