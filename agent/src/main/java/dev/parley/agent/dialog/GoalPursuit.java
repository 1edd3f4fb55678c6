package dev.parley.agent.dialog;

import dev.parley.agent.dialog.ConversationState.Awaiting;
import dev.parley.agent.dialog.ConversationState.Phase;
import dev.parley.agent.language.ConfirmationCode;
import dev.parley.agent.language.Intent;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.GoalKind;
import dev.parley.agent.planning.PersonalField;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** One callee reply in the middle of the call: extract, react, then take the next step. */
final class GoalPursuit {
  /** Goals that arrange something at a time. */
  static final Set<GoalKind> TIMED =
      EnumSet.of(GoalKind.BOOK_APPOINTMENT, GoalKind.MAKE_RESERVATION, GoalKind.RESCHEDULE);

  private static final Pattern DONE =
      Pattern.compile(
          "(?i)\\b(?:cancel(?:l)?ed|taken care of|processed|all set|done|went through|been removed|"
              + "refunded|credited|reversed|booked (?:you|him|her|them) in|you're booked|confirmed)\\b");
  private static final Pattern RESOLVED =
      Pattern.compile(
          "(?i)\\b(?:refund|credit|reverse|remove|waive|take (?:it|that) off|adjust)\\w*\\b");

  /** The callee offering to do something: the answer is yes. */
  private static final Pattern OFFER_QUESTION =
      Pattern.compile(
          "(?i)\\b(?:would you like|do you want|shall i|should i|want me to|would that be|would you prefer me)\\b");

  private static final Pattern CODE_TALK =
      Pattern.compile("(?i)confirmation|reference|booking number|code|case number|ticket");
  private static final Pattern NO_CODE =
      Pattern.compile(
          "(?i)(?:don't|do not|doesn't|won't) (?:have|give|do|use|need) (?:a |any )?(?:confirmation|reference|number|code)"
              + "|no (?:confirmation|reference|number|code)|there isn't one|we don't do that");

  private final Toolkit kit;
  private final DialogContext c;
  private final Session s;
  private final String text;
  private final Intent intent;
  private final CallPlan plan;

  GoalPursuit(DialogContext c, Session s, String text, Intent intent, Toolkit kit) {
    this.kit = kit;
    this.c = c;
    this.s = s;
    this.text = text;
    this.intent = intent;
    this.plan = c.plan();
  }

  void run() {
    Awaiting was = s.awaiting;
    ZonedDateTime now = ZonedDateTime.now(kit.clock()).withZoneSameInstant(c.owner().timeZone());
    ConfirmationCode code = kit.codes().first(text);
    if (code != null
        && (was == Awaiting.CONFIRMATION_CODE
            || CODE_TALK.matcher(text).find()
            || was == Awaiting.READBACK)) {
      s.remember(Slots.CONFIRMATION_CODE, code.code());
    } else if (was == Awaiting.CONFIRMATION_CODE && NO_CODE.matcher(text).find()) {
      s.slots.put("code_asked", "none");
    }
    // "We're fully booked this week" names a time but offers nothing.
    boolean refusal = intent == Intent.UNAVAILABLE || intent == Intent.DECLINE;
    if (TIMED.contains(plan.goalKind())
        && !refusal
        && !new OfferedTime(c, s).weigh(kit.dates().extract(text, now))) {
      return;
    }
    if (!new QuotedPrice(c, s).weigh(kit.money().extract(text))) {
      return;
    }
    Optional<PersonalField> asked = PersonalInfoRequests.detect(text);
    if (asked.isPresent()) {
      PersonalInfoReplies.answer(c, s, asked.get());
      return;
    }
    if (text.contains("?") && !kit.hasFacts(text) && was != Awaiting.READBACK) {
      if (OFFER_QUESTION.matcher(text).find()) {
        s.say("Yes, please.");
      } else if (intent == Intent.NONE || intent == Intent.UNSURE) {
        s.say(
            "I don't have that information, I'm afraid. "
                + c.owner().firstName()
                + " can confirm it directly.");
        return;
      }
    }
    if (was == Awaiting.CONFIRMATION_CODE
        && code == null
        && !DONE.matcher(text).find()
        && "true".equals(s.slots.get("code_asked"))) {
      // Answered something else: ask once more before reading back without a number.
      s.slots.put("code_asked", "again");
      s.say(
          "Thanks. And is there a "
              + (plan.goalKind() == GoalKind.COMPLAINT ? "reference" : "confirmation")
              + " number for this?");
      return;
    }
    switch (was) {
      case ACKNOWLEDGEMENT -> {
        acknowledgement();
        if (s.spoke() || s.phase == Phase.ENDED) {
          return;
        }
      }
      case INSTRUCTIONS -> {
        s.remember(Slots.INSTRUCTIONS, text);
        s.say("Thank you, I'll let " + c.owner().firstName() + " know. Have a good day, goodbye.");
        s.hangUp("not_achieved");
        return;
      }
      case ANSWER -> {
        s.remember(Slots.ANSWER, text);
        s.say("Thank you, that's helpful.");
      }
      case PLAN_QUESTION -> s.remember("answer_" + (s.questionIndex - 1), text);
      case READBACK -> {
        if (intent == Intent.AFFIRM) {
          s.remember(Slots.CONFIRMED, "true");
          close("completed");
          return;
        }
        if (intent == Intent.DECLINE || intent == Intent.UNSURE) {
          s.setbacks++;
          if (!kit.hasFacts(text)) {
            s.say("Sorry about that. What should I correct?");
            return;
          }
        }
      }
      default -> {}
    }
    if (s.phase == Phase.ENDED || s.phase == Phase.AWAITING_APPROVAL) {
      return;
    }
    if (intent == Intent.UNAVAILABLE
        && !s.slots.containsKey(Slots.APPOINTMENT_TIME)
        && TIMED.contains(plan.goalKind())) {
      s.setbacks++;
      if (s.setbacks >= 2) {
        s.say(
            "I understand. I'll let "
                + c.owner().firstName()
                + " know and they can follow up. Thank you for your time, goodbye.");
        s.hangUp("unavailable");
      } else {
        s.say(
            "I see. Is there any other time that might work"
                + (plan.timeWindow() != null ? ", maybe still " + plan.timeWindow().raw() : "")
                + "? Otherwise, what's your earliest opening?");
        s.awaiting = Awaiting.OFFER;
      }
      return;
    }
    next();
  }

  private void acknowledgement() {
    if (intent == Intent.DECLINE || intent == Intent.UNAVAILABLE) {
      s.remember(Slots.ANSWER, text);
      if (s.setbacks++ >= 1) {
        s.say(
            "I understand. I'll pass that on to "
                + c.owner().firstName()
                + ". Thank you for your time, goodbye.");
        s.hangUp("not_achieved");
      } else {
        s.say("I understand. What would " + c.owner().firstName() + " need to do?");
        s.awaiting = Awaiting.INSTRUCTIONS;
      }
      return;
    }
    if (intent == Intent.AFFIRM
        || DONE.matcher(text).find()
        || (plan.goalKind() == GoalKind.COMPLAINT && RESOLVED.matcher(text).find())) {
      s.remember(Slots.ACKNOWLEDGED, "true");
      if (plan.goalKind() == GoalKind.CANCEL && DONE.matcher(text).find()) {
        s.remember(Slots.CANCELLED, "true");
      }
      if (plan.goalKind() == GoalKind.COMPLAINT && RESOLVED.matcher(text).find()) {
        s.remember(Slots.RESOLVED, "true");
      }
      if (plan.goalKind() == GoalKind.REMINDER) {
        s.remember(Slots.ANSWER, text);
      }
    }
  }

  /** Says the next thing the goal needs. */
  void next() {
    GoalKind kind = plan.goalKind();
    if (TIMED.contains(kind) && !s.slots.containsKey(Slots.APPOINTMENT_TIME)) {
      if (!s.spoke()) {
        s.say(
            "What times do you have available"
                + (plan.timeWindow() != null ? " " + plan.timeWindow().raw() : "")
                + "?");
      }
      s.awaiting = Awaiting.OFFER;
      return;
    }
    boolean wantsPrice =
        kind == GoalKind.GET_QUOTE
            || (plan.moneyLimit() != null && kind != GoalKind.MAKE_RESERVATION);
    if (wantsPrice && !s.slots.containsKey(Slots.PRICE)) {
      s.say(
          kind == GoalKind.GET_QUOTE
              ? "Roughly how much would that cost?"
              : (s.slots.containsKey(Slots.APPOINTMENT_TIME)
                      ? Utterances.when(ZonedDateTime.parse(s.slots.get(Slots.APPOINTMENT_TIME)))
                          + " works. "
                      : "")
                  + "And how much will that cost?");
      s.awaiting = Awaiting.PRICE;
      return;
    }
    if ((kind == GoalKind.CANCEL || kind == GoalKind.COMPLAINT)
        && !s.slots.containsKey(Slots.ACKNOWLEDGED)) {
      if (!s.spoke()) {
        s.say("Could you help me with that?");
      }
      s.awaiting = Awaiting.ACKNOWLEDGEMENT;
      return;
    }
    String question = PlanQuestions.next(plan, s);
    if (question != null) {
      s.say(question);
      s.awaiting = Awaiting.PLAN_QUESTION;
      return;
    }
    boolean wantsCode =
        TIMED.contains(kind) || kind == GoalKind.CANCEL || kind == GoalKind.COMPLAINT;
    if (wantsCode
        && !s.slots.containsKey(Slots.CONFIRMATION_CODE)
        && !s.slots.containsKey("code_asked")) {
      s.slots.put("code_asked", "true");
      s.say(
          "Could I get a "
              + (kind == GoalKind.COMPLAINT ? "reference" : "confirmation")
              + " number for that?");
      s.awaiting = Awaiting.CONFIRMATION_CODE;
      return;
    }
    String readback = Readback.of(plan, s.slots);
    if (readback != null && s.awaiting != Awaiting.READBACK
        || readback != null
            && s.setbacks > 0
            && s.awaiting == Awaiting.READBACK
            && kit.hasFacts(text)) {
      s.phase = Phase.CONFIRMING;
      s.say(readback);
      s.awaiting = Awaiting.READBACK;
      return;
    }
    close(
        kind == GoalKind.ASK_QUESTION && !s.slots.containsKey(Slots.ANSWER)
            ? "not_achieved"
            : "completed");
  }

  private void close(String outcome) {
    String name = s.slots.get(Slots.PERSON_NAME);
    s.say(
        (s.spoke() ? "" : "Thank you so much" + (name != null ? ", " + name : "") + ". ")
            + "Have a great day, goodbye.");
    s.hangUp(outcome);
  }
}
