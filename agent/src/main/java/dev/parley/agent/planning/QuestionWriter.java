package dev.parley.agent.planning;

import java.util.ArrayList;
import java.util.List;

/** Writes the goal sentence and the questions the agent asks, per goal kind. */
final class QuestionWriter {

  private QuestionWriter() {}

  static List<String> questions(
      GoalKind kind, String topic, TimeWindow window, MoneyLimit limit, Integer party) {
    String thing = topic != null ? topic : "appointment";
    String when = window != null ? " " + window.raw() : "";
    List<String> q = new ArrayList<>();
    switch (kind) {
      case BOOK_APPOINTMENT -> {
        q.add("Do you have availability for " + withArticle(thing) + when + "?");
        q.add("How much will the " + thing + " cost?");
        q.add("Is there a confirmation number for the booking?");
      }
      case MAKE_RESERVATION -> {
        q.add("Do you have a table for " + (party != null ? party : "our party") + when + "?");
        q.add("Can I get a confirmation number or name for the reservation?");
      }
      case GET_QUOTE -> {
        q.add("How much would it cost" + (topic != null ? " for " + withArticle(thing) : "") + "?");
        q.add("Is there a call-out fee, and does that price include parts and labour?");
        q.add("When is the earliest you could do it?");
      }
      case CANCEL -> {
        q.add("Can you cancel the " + (topic != null ? topic : "account") + " effective today?");
        q.add("Are there any cancellation fees or remaining charges?");
        q.add("Can I get a confirmation number for the cancellation?");
      }
      case RESCHEDULE -> {
        q.add(
            "Can the "
                + thing
                + " be moved to"
                + (window != null ? " " + window.raw() : " another time")
                + "?");
        q.add("Is there a new confirmation number?");
      }
      case ASK_QUESTION -> {
        if (topic != null && topic.toLowerCase().startsWith("confirm ")) {
          q.add("Can you " + InstructionReader.toSecondPerson(topic) + "?");
        } else if (topic != null) {
          q.add(capitalise(asQuestion(InstructionReader.toSecondPerson(topic))));
        }
      }
      case REMINDER -> q.add("Will you be able to make it?");
      case COMPLAINT -> {
        q.add(
            "Can you explain "
                + (topic != null && topic.split(" ").length <= 3
                    ? "the " + stripArticle(topic)
                    : "what happened")
                + "?");
        q.add("Can it be refunded or credited to the account?");
        q.add("Can I get a reference number for this case?");
      }
      default -> {}
    }
    if (limit != null && kind != GoalKind.GET_QUOTE && kind != GoalKind.COMPLAINT) {
      q.removeIf(s -> s.startsWith("How much"));
      q.add(1 < q.size() ? 1 : q.size(), "What will the total price be?");
    }
    return List.copyOf(q);
  }

  static String goal(
      GoalKind kind,
      String topic,
      String callee,
      TimeWindow window,
      MoneyLimit limit,
      Integer party,
      OwnerProfile owner,
      String instruction) {
    String when = window != null ? " " + window.raw() : "";
    String price = limit != null ? " for no more than " + limit.spoken() : "";
    String who = owner.firstName();
    String thing = topic != null ? topic : null;
    return switch (kind) {
      case BOOK_APPOINTMENT ->
          "Book "
              + (thing != null ? withArticle(thing) : "an appointment")
              + " for "
              + who
              + " with "
              + callee
              + when
              + price
              + ".";
      case MAKE_RESERVATION ->
          "Reserve a table"
              + (party != null ? " for " + party : "")
              + " at "
              + callee
              + when
              + " under the name "
              + who
              + ".";
      case GET_QUOTE ->
          "Get a price quote from "
              + callee
              + (thing != null ? " for " + withArticle(thing) : "")
              + (limit != null ? " (budget up to " + limit.spoken() + ")" : "")
              + ".";
      case CANCEL ->
          "Cancel "
              + who
              + "'s "
              + (thing != null ? thing : "account")
              + " with "
              + callee
              + " and get confirmation.";
      case RESCHEDULE ->
          "Move "
              + who
              + "'s "
              + (thing != null ? thing : "appointment")
              + " with "
              + callee
              + " to"
              + (when.isEmpty() ? " a new time" : when)
              + ".";
      case ASK_QUESTION ->
          thing != null && thing.toLowerCase().startsWith("confirm ")
              ? capitalise(thing) + " with " + callee + "."
              : "Find out from "
                  + callee
                  + " "
                  + (thing != null ? thing : "the answer to " + who + "'s question")
                  + ".";
      case REMINDER -> "Remind " + callee + " about " + (thing != null ? thing : "the event") + ".";
      case COMPLAINT ->
          "Resolve "
              + who
              + "'s complaint with "
              + callee
              + (thing == null
                  ? ""
                  : thing.split(" ").length > 3
                      ? ": " + thing
                      : " about the " + stripArticle(thing))
              + ".";
      case OTHER -> instruction.endsWith(".") ? instruction : instruction + ".";
    };
  }

  private static String asQuestion(String clause) {
    String c = clause.trim();
    if (c.toLowerCase().startsWith("about ")) {
      return "Could you tell me about " + c.substring(6) + "?";
    }
    return "Could you tell me " + c + (c.endsWith("?") ? "" : "?");
  }

  static String withArticle(String noun) {
    return dev.parley.agent.language.Articles.withArticle(noun);
  }

  private static String stripArticle(String s) {
    return s.replaceFirst("(?i)^(?:a|an|the)\\s+", "");
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
