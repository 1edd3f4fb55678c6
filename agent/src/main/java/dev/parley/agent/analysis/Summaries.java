package dev.parley.agent.analysis;

import dev.parley.agent.analysis.RuleBasedPostCallAnalyst.Facts;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.GoalKind;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Writes the few-sentence summary the owner reads. */
final class Summaries {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a", Locale.US);

  private Summaries() {}

  static String write(
      CallPlan plan, CallOutcome outcome, Facts f, boolean achieved, String followUp) {
    StringBuilder b = new StringBuilder();
    String callee = f.business != null ? f.business : plan.calleeLabel();
    b.append("Called ").append(callee);
    if (!f.people.isEmpty()) {
      b.append(" and spoke with ").append(String.join(" and ", f.people));
    }
    b.append(" to ").append(lowerFirst(stripPeriod(plan.goal()))).append(". ");
    switch (outcome) {
      case NO_ANSWER -> b.append("Nobody answered. ");
      case VOICEMAIL -> b.append("Voicemail answered. ");
      case WRONG_NUMBER -> b.append("The number turned out to be a wrong number. ");
      case OPTED_OUT ->
          b.append(
              "They asked not to be called again; the number is now on the do-not-call list. ");
      case DECLINED_BY_OWNER ->
          b.append("They quoted ")
              .append(price(f))
              .append(", which was over the limit, and the owner declined. ");
      case UNAVAILABLE -> b.append("They had nothing available that fit. ");
      case TRANSFERRED -> b.append("The call was transferred to the owner. ");
      default -> b.append(result(plan, f, achieved));
    }
    if (!f.instructions.isEmpty()) {
      b.append("They said: ").append(String.join(" ", f.instructions)).append(' ');
    }
    if (followUp != null) {
      b.append("Next: ").append(followUp);
    }
    return b.toString().trim();
  }

  private static String result(CallPlan plan, Facts f, boolean achieved) {
    StringBuilder b = new StringBuilder();
    GoalKind kind = plan.goalKind();
    if (kind == GoalKind.BOOK_APPOINTMENT
        || kind == GoalKind.MAKE_RESERVATION
        || kind == GoalKind.RESCHEDULE) {
      if (f.time != null && achieved) {
        b.append(kind == GoalKind.RESCHEDULE ? "Moved to " : "Booked for ")
            .append(WHEN.format(f.time.start()));
      } else if (f.time != null) {
        b.append("The time offered (").append(WHEN.format(f.time.start())).append(") did not fit");
      } else {
        b.append("No time was agreed");
      }
      if (f.price != null) {
        b.append(", price ").append(price(f));
      }
    } else if (kind == GoalKind.GET_QUOTE) {
      b.append(f.price != null ? "They quoted " + price(f) : "No price was given");
    } else if (kind == GoalKind.CANCEL) {
      b.append(achieved ? "The cancellation went through" : "The cancellation was not completed");
    } else if (kind == GoalKind.COMPLAINT) {
      b.append(achieved ? "They agreed to fix it" : "The complaint is not resolved yet");
    } else if (kind == GoalKind.ASK_QUESTION) {
      b.append(
          f.answer != null ? "Their answer: \"" + f.answer + "\"" : "No clear answer was given");
    } else if (kind == GoalKind.REMINDER) {
      b.append(
          achieved ? "The reminder was delivered" : "The reminder may not have been understood");
    } else {
      b.append(achieved ? "The call went as asked" : "The call did not achieve its goal");
    }
    if (f.code != null) {
      b.append(b.length() > 0 ? "; " : "").append("confirmation number ").append(f.code.code());
    }
    return b.append(". ").toString();
  }

  private static String price(Facts f) {
    return f.price == null
        ? "an unknown price"
        : RuleBasedPostCallAnalyst.money(f.price.ceiling(), f.price.currency());
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static String stripPeriod(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
