package dev.parley.agent.dialog;

import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.GoalKind;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * The sentence that reads the agreed facts back to the callee before the call closes ("Just to
 * confirm: a haircut on Tuesday at 3 pm, for 40 dollars, confirmation number A B 1 2. Is that
 * right?"), built from the slots collected so far.
 */
final class Readback {
  private Readback() {}

  /**
   * The read-back for {@code plan} from {@code slots}, or null when there is nothing to confirm.
   */
  static String of(CallPlan plan, Map<String, String> slots) {
    StringBuilder b = new StringBuilder();
    String time = slots.get(Slots.APPOINTMENT_TIME);
    if (time != null) {
      b.append(Utterances.when(ZonedDateTime.parse(time)));
    }
    String price = slots.get(Slots.PRICE);
    if (price != null) {
      b.append(b.length() > 0 ? ", for " : "").append(Utterances.money(new BigDecimal(price)));
    }
    String code = slots.get(Slots.CONFIRMATION_CODE);
    if (code != null) {
      b.append(b.length() > 0 ? ", " : "")
          .append(
              plan.goalKind() == GoalKind.COMPLAINT ? "reference number " : "confirmation number ")
          .append(Utterances.spell(code));
    }
    if (slots.containsKey(Slots.RESOLVED)) {
      b.insert(
          0,
          "the "
              + (plan.topic() != null ? plan.topic() : "problem")
              + " will be corrected"
              + (b.length() > 0 ? ", " : ""));
    }
    if (slots.containsKey(Slots.CANCELLED)) {
      b.insert(
          0,
          "the "
              + (plan.topic() != null ? plan.topic() : "account")
              + " is cancelled"
              + (b.length() > 0 ? ", " : ""));
    }
    if (b.length() == 0) {
      return null;
    }
    String what =
        plan.topic() != null && GoalPursuit.TIMED.contains(plan.goalKind())
            ? Utterances.withArticle(plan.topic()) + " on "
            : "";
    return "Just to confirm: " + what + b + ". Is that right?";
  }
}
