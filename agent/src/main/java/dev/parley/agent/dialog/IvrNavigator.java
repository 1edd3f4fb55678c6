package dev.parley.agent.dialog;

import dev.parley.agent.language.MenuOption;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.GoalKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Picks the menu option that serves the plan's goal, else the one that reaches a person. */
final class IvrNavigator {

  private static final Map<GoalKind, List<String>> GOAL_WORDS =
      Map.of(
          GoalKind.BOOK_APPOINTMENT, List.of("appointment", "schedul", "book", "new patient"),
          GoalKind.MAKE_RESERVATION, List.of("reservation", "reserve", "book", "table"),
          GoalKind.RESCHEDULE, List.of("reschedul", "change", "appointment", "schedul"),
          GoalKind.CANCEL, List.of("cancel", "membership", "account", "member services"),
          GoalKind.COMPLAINT,
              List.of("billing", "dispute", "charge", "account", "customer service", "support"),
          GoalKind.GET_QUOTE,
              List.of("estimate", "quote", "pricing", "sales", "new service", "new customer"),
          GoalKind.ASK_QUESTION,
              List.of("general", "information", "question", "hours", "front desk"),
          GoalKind.REMINDER, List.of("message", "speak", "operator"));
  private static final List<String> PERSON =
      List.of(
          "representative",
          "operator",
          "agent",
          "receptionist",
          "front desk",
          "speak to",
          "talk to",
          "someone",
          "staff",
          "team member",
          "all other",
          "other questions",
          "anything else");

  private IvrNavigator() {}

  static MenuOption choose(List<MenuOption> options, CallPlan plan) {
    List<String> words = GOAL_WORDS.getOrDefault(plan.goalKind(), List.of());
    for (String w : words) {
      for (MenuOption o : options) {
        if (o.label().contains(w)) {
          return o;
        }
      }
    }
    if (plan.topic() != null) {
      for (String w : plan.topic().toLowerCase(Locale.ROOT).split("\\s+")) {
        for (MenuOption o : options) {
          if (w.length() > 3 && o.label().contains(w)) {
            return o;
          }
        }
      }
    }
    for (String w : PERSON) {
      for (MenuOption o : options) {
        if (o.label().contains(w)) {
          return o;
        }
      }
    }
    return null;
  }
}
