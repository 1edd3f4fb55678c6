package dev.parley.agent.dialog;

import dev.parley.agent.dialog.ConversationState.Awaiting;
import dev.parley.agent.language.TemporalMention;
import dev.parley.agent.planning.CallPlan;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A time the callee offers for a timed goal, weighed against the plan's window: recorded when it
 * fits, pushed back on when it doesn't. Its own class because how offers are read in context (the
 * day under discussion, am or pm) changes apart from the rest of the goal's steps.
 */
final class OfferedTime {
  private final DialogContext c;
  private final Session s;
  private final CallPlan plan;

  OfferedTime(DialogContext c, Session s) {
    this.c = c;
    this.s = s;
    this.plan = c.plan();
  }

  /**
   * Weighs the times found in one reply.
   *
   * @return false when the turn is complete (an offer was refused)
   */
  boolean weigh(List<TemporalMention> found) {
    if (found.isEmpty()) {
      return true;
    }
    // "Tomorrow I only have 10am": the clock time is the offer, the day around it its date.
    TemporalMention m = found.get(0);
    LocalDate saidDay = null;
    for (TemporalMention f : found) {
      if (f.hasTime() && !m.hasTime()) {
        m = f;
      }
      if (f.hasDate() && !f.hasTime() && saidDay == null) {
        saidDay = f.start().toLocalDate();
      }
    }
    ZonedDateTime at = inContext(m, saidDay);
    if (plan.timeWindow() != null && m.hasTime() && !plan.timeWindow().contains(at)) {
      s.setbacks++;
      if (s.setbacks >= 3) {
        s.say(
            "Unfortunately that won't work either. I'll check with "
                + c.owner().firstName()
                + " and we'll call back. Thank you for your help, goodbye.");
        s.hangUp("no_suitable_time");
        return false;
      }
      s.say(
          "Unfortunately "
              + m.raw()
              + " doesn't work for "
              + c.owner().firstName()
              + ". Do you have anything "
              + plan.timeWindow().raw()
              + "?");
      s.awaiting = Awaiting.OFFER;
      return false;
    }
    if (!m.hasTime()) {
      if (s.awaiting == Awaiting.OFFER) {
        s.say("What time do you have " + m.raw() + "?");
        return false;
      }
      return true;
    }
    s.remember(Slots.APPOINTMENT_TIME, at.toOffsetDateTime().toString());
    s.remember(Slots.APPOINTMENT_TIME_RAW, m.raw());
    return true;
  }

  /**
   * Reads a time said without a day ("I can do 7:30") on the day being discussed, and a clock time
   * without am/pm in the half of the day the plan asks for.
   */
  private ZonedDateTime inContext(TemporalMention m, LocalDate saidDay) {
    ZonedDateTime at = m.start();
    if (!m.hasTime()) {
      return at;
    }
    String agreed = s.slots.get(Slots.APPOINTMENT_TIME);
    LocalDate day = null;
    if (saidDay != null) {
      day = saidDay;
    } else if (agreed != null) {
      day = ZonedDateTime.parse(agreed).toLocalDate();
    } else if (plan.timeWindow() != null
        && plan.timeWindow()
            .earliest()
            .toLocalDate()
            .equals(plan.timeWindow().latest().toLocalDate())) {
      day = plan.timeWindow().earliest().toLocalDate();
    }
    if (!m.hasDate() && day != null) {
      at = ZonedDateTime.of(day, at.toLocalTime(), at.getZone());
    }
    boolean meridiemSaid =
        m.raw()
            .toLowerCase(Locale.ROOT)
            .matches("(?s).*(am|pm|a\\.m|p\\.m|morning|afternoon|evening|night|noon).*");
    if (plan.timeWindow() != null
        && !plan.timeWindow().contains(at)
        && !meridiemSaid
        && at.getHour() < 12
        && plan.timeWindow().contains(at.plusHours(12))) {
      at = at.plusHours(12);
    }
    return at;
  }
}
