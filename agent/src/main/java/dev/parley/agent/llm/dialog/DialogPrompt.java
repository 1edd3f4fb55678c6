package dev.parley.agent.llm.dialog;

import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.PersonalInfoRequests;
import dev.parley.agent.dialog.Turn;
import dev.parley.agent.llm.client.ChatMessage;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.PersonalField;
import dev.parley.agent.planning.SharedFact;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the dialog model's system prompt from the call's plan and settings (AI disclosure, goal,
 * constraints, forbidden phrases, personal details that must not be shared, what has been recorded)
 * and turns the conversation in {@code ConversationState.turns()} into messages (which the
 * receptionist shares).
 */
public final class DialogPrompt {

  private DialogPrompt() {}

  static String system(DialogContext c, Map<String, String> slots, ZonedDateTime now) {
    CallPlan p = c.plan();
    String owner =
        c.settings().mayShare(PersonalField.FULL_NAME)
            ? c.owner().fullName()
            : c.owner().firstName();
    String first = c.owner().firstName();
    StringBuilder s = new StringBuilder(2048);
    s.append("You are ")
        .append(c.settings().agentName())
        .append(", an AI assistant on a live phone call, calling ")
        .append(p.calleeLabel())
        .append(" on behalf of ")
        .append(owner)
        .append(". What you write is spoken aloud by a speech synthesiser: short, natural spoken")
        .append(" sentences, no lists, no markdown, no emoji, amounts and times as people say")
        .append(" them.\n\n");
    s.append("Disclosure (legally required): when the call is answered and when you leave a")
        .append(
            " voicemail, your first sentence says you are an AI assistant calling on behalf of ")
        .append(owner)
        .append(". If anyone asks whether you are a person or a machine, say you are an AI. Never")
        .append(" claim to be human.\n\n");
    s.append("Goal: ").append(p.goal()).append('\n');
    s.append("Goal kind: ").append(p.goalKind().wireName()).append('\n');
    if (p.topic() != null) {
      s.append("About: ").append(p.topic()).append('\n');
    }
    if (p.timeWindow() != null) {
      s.append("Acceptable time: ")
          .append(p.timeWindow().raw())
          .append(" (from ")
          .append(p.timeWindow().earliest())
          .append(" to ")
          .append(p.timeWindow().latest())
          .append(")\n");
    }
    if (p.partySize() != null) {
      s.append("Party size: ").append(p.partySize()).append('\n');
    }
    s.append("Tone: ").append(p.tone().wireName()).append('\n');
    list(s, "Hard constraints (the outcome must meet all of them)", p.hardConstraints());
    list(s, "Preferences (aim for them)", p.softPreferences());
    list(s, "Questions to ask", p.questions());
    s.append('\n');
    s.append("Money: never reveal the owner's limit. ");
    if (p.moneyLimit() != null) {
      s.append("The limit is ").append(p.moneyLimit().spoken()).append(". ");
    }
    s.append("Before agreeing to any price above ")
        .append(p.moneyLimit() != null ? "the limit" : "$" + c.settings().requireApprovalAbove())
        .append(", call request_approval with the amount and ask the callee to hold; the owner's")
        .append(" answer arrives as a call event.\n\n");
    s.append("You may share only these details about ").append(first).append(":\n");
    for (SharedFact f : p.factsToShare()) {
      s.append("- ").append(f.field()).append(": ").append(f.value()).append('\n');
    }
    Set<PersonalField> secret = EnumSet.allOf(PersonalField.class);
    secret.removeAll(c.settings().allowedPersonalFields());
    if (!secret.isEmpty()) {
      s.append("Never share ")
          .append(first)
          .append("'s ")
          .append(String.join(", ", secret.stream().map(DialogPrompt::spoken).toList()))
          .append(". If asked, say ")
          .append(first)
          .append(" will provide it directly.\n");
    }
    List<String> forbidden = c.settings().forbiddenPhrases();
    if (!forbidden.isEmpty()) {
      s.append("Never say these words or phrases: \"")
          .append(String.join("\", \"", forbidden))
          .append("\".\n");
    }
    s.append('\n');
    s.append("How to act: speak by writing text; act with the tools. Record each fact with")
        .append(" record_fact as soon as you hear it. Answer automated menus with send_dtmf and no")
        .append(" words. Before ending a call that arranged something, read the key details back")
        .append(" and wait for confirmation. End every call with your goodbye and hang_up in the")
        .append(" same reply. If the callee asks not to be called again, apologise, call")
        .append(" add_to_do_not_call and hang_up with opt_out. If you reached the wrong number,")
        .append(" apologise and hang_up with wrong_number. If the callee is still talking or only")
        .append(" greeting you, a short reply is enough.");
    if (c.settings().leaveVoicemail()) {
      s.append(" At a voicemail beep, leave a short message with the disclosure, the reason for")
          .append(" the call and how to reach ")
          .append(first)
          .append(", then hang_up with voicemail_left.");
    }
    s.append("\n\nLines in [brackets] from the user are call events, not the callee's words.\n");
    s.append("Now: ").append(now).append('\n');
    if (!slots.isEmpty()) {
      s.append("Recorded so far:\n");
      slots.forEach((k, v) -> s.append("- ").append(k).append(": ").append(v).append('\n'));
    }
    return s.toString();
  }

  /**
   * The conversation as messages: it opens with the call connecting, agent turns are the
   * assistant's, callee turns and call events are the user's (consecutive ones joined), and {@code
   * note} (what just happened) comes last.
   */
  public static List<ChatMessage> messages(DialogContext c, List<Turn> turns, String note) {
    List<ChatMessage> out = new ArrayList<>();
    StringBuilder user = new StringBuilder("[call event: the call connected]");
    for (Turn t : turns) {
      switch (t.speaker()) {
        case AGENT -> {
          if (user.length() > 0) {
            out.add(new ChatMessage.User(user.toString()));
            user.setLength(0);
          }
          out.add(new ChatMessage.Assistant(t.text(), List.of()));
          if (t.interrupted()) {
            user.append(
                "[call event: the callee interrupted you; they heard only the words above]");
          }
        }
        case CALLEE -> {
          line(user, t.text());
          Optional<PersonalField> asked = PersonalInfoRequests.detect(t.text());
          if (asked.isPresent() && !c.settings().mayShare(asked.get())) {
            line(
                user,
                "[call event: that asks for "
                    + spoken(asked.get())
                    + ", which you must not share]");
          }
        }
        case SYSTEM -> line(user, "[call event: " + stripBrackets(t.text()) + "]");
      }
    }
    if (note != null && !note.isEmpty()) {
      line(user, note);
    }
    if (user.length() > 0) {
      out.add(new ChatMessage.User(user.toString()));
    }
    return out;
  }

  private static void line(StringBuilder b, String text) {
    if (b.length() > 0) {
      b.append('\n');
    }
    b.append(text);
  }

  private static String stripBrackets(String text) {
    String t = text.trim();
    return t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
  }

  private static void list(StringBuilder s, String title, List<String> items) {
    if (!items.isEmpty()) {
      s.append(title).append(":\n");
      items.forEach(i -> s.append("- ").append(i).append('\n'));
    }
  }

  private static String spoken(PersonalField f) {
    return f.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
