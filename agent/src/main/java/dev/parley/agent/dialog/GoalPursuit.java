package dev.parley.agent.dialog;

import dev.parley.agent.dialog.ConversationState.Awaiting;
import dev.parley.agent.dialog.ConversationState.Phase;
import dev.parley.agent.language.ConfirmationCode;
import dev.parley.agent.language.Intent;
import dev.parley.agent.language.MoneyMention;
import dev.parley.agent.language.TemporalMention;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.GoalKind;
import dev.parley.agent.planning.PersonalField;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
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
    if (TIMED.contains(plan.goalKind()) && !refusal && !timeOffer(now)) {
      return;
    }
    if (!price()) {
      return;
    }
    Optional<PersonalField> asked = PersonalInfoRequests.detect(text);
    if (asked.isPresent()) {
      answerPersonal(asked.get());
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

  /** Returns false when the turn is complete (an offer was refused). */
  private boolean timeOffer(ZonedDateTime now) {
    List<TemporalMention> found = kit.dates().extract(text, now);
    if (found.isEmpty()) {
      return true;
    }
    // "Tomorrow I only have 10am": the clock time is the offer, the day around it its date.
    TemporalMention m = found.get(0);
    java.time.LocalDate saidDay = null;
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
  private ZonedDateTime inContext(TemporalMention m, java.time.LocalDate saidDay) {
    ZonedDateTime at = m.start();
    if (!m.hasTime()) {
      return at;
    }
    String agreed = s.slots.get(Slots.APPOINTMENT_TIME);
    java.time.LocalDate day = null;
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

  /** Returns false when the turn is complete (approval was requested). */
  private boolean price() {
    List<MoneyMention> found = kit.money().extract(text);
    if (found.isEmpty()) {
      return true;
    }
    MoneyMention m = found.get(0);
    BigDecimal amount = m.ceiling();
    s.remember(Slots.PRICE, amount.toPlainString());
    s.remember(Slots.PRICE_RAW, m.raw());
    BigDecimal threshold = c.settings().requireApprovalAbove();
    if (plan.moneyLimit() != null && plan.moneyLimit().max().compareTo(threshold) < 0) {
      threshold = plan.moneyLimit().max();
    }
    String approved = s.slots.get(Slots.APPROVAL);
    boolean alreadyApproved =
        approved != null
            && approved.startsWith("approved:")
            && new BigDecimal(approved.substring(9)).compareTo(amount) >= 0;
    if (amount.compareTo(threshold) > 0 && !alreadyApproved) {
      s.say(
          "That's more than I'm able to agree to on my own. I need to check with "
              + c.owner().firstName()
              + ". Could you hold for just a moment?");
      s.act(
          new AgentAction.RequestApproval(
              plan.calleeLabel()
                  + " quoted "
                  + Utterances.money(amount)
                  + (plan.topic() != null ? " for the " + plan.topic() : "")
                  + (plan.moneyLimit() != null
                      ? "; your limit is " + plan.moneyLimit().spoken()
                      : "")
                  + ". Approve?",
              amount));
      s.phase = Phase.AWAITING_APPROVAL;
      s.awaiting = Awaiting.APPROVAL;
      return false;
    }
    return true;
  }

  private void answerPersonal(PersonalField field) {
    String first = c.owner().firstName();
    String value =
        switch (field) {
          case FULL_NAME -> c.owner().fullName();
          case PHONE ->
              c.owner().phone() == null ? null : Utterances.spokenPhone(c.owner().phone());
          case EMAIL -> c.owner().email();
          default -> noteAbout(field);
        };
    if (!c.settings().mayShare(field)
            && !(value != null && field.equals(PersonalField.ACCOUNT_NUMBER))
        || value == null) {
      if (field == PersonalField.FULL_NAME) {
        s.say("You can put it under " + first + ".");
      } else {
        s.say(
            "I'm sorry, I'm not able to share that on "
                + first
                + "'s behalf. "
                + first
                + " can provide it directly.");
      }
      return;
    }
    s.say("Sure, it's " + value + ".");
  }

  private String noteAbout(PersonalField field) {
    String key = field.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return plan.factsToShare().stream()
        .filter(f -> f.field().equals("note") && f.value().toLowerCase(Locale.ROOT).contains(key))
        .map(f -> f.value())
        .findFirst()
        .orElse(null);
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
    String question = nextPlanQuestion();
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
    String readback = readback();
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

  private String nextPlanQuestion() {
    List<String> qs = plan.questions();
    while (s.questionIndex < qs.size()) {
      String q = qs.get(s.questionIndex++);
      String l = q.toLowerCase(Locale.ROOT);
      boolean covered =
          l.contains("availab")
              || l.contains("a table for")
              || l.contains("be moved to")
              || l.startsWith("can you cancel")
              || l.contains("remind")
              || l.contains("will you be able to make it")
              || (l.contains("confirmation") && !l.contains("fee"))
              || l.contains("reference number")
              || ((l.contains("how much") || l.contains("total price") || l.contains("cost"))
                  && !l.contains("fee"))
              || (plan.goalKind() == GoalKind.ASK_QUESTION && s.questionIndex == 1)
              || (plan.goalKind() == GoalKind.COMPLAINT && l.startsWith("can you explain"))
              || (l.contains("refund") && s.slots.containsKey(Slots.RESOLVED));
      if (!covered) {
        return q;
      }
    }
    return null;
  }

  private String readback() {
    StringBuilder b = new StringBuilder();
    String time = s.slots.get(Slots.APPOINTMENT_TIME);
    if (time != null) {
      b.append(Utterances.when(ZonedDateTime.parse(time)));
    }
    String price = s.slots.get(Slots.PRICE);
    if (price != null) {
      b.append(b.length() > 0 ? ", for " : "").append(Utterances.money(new BigDecimal(price)));
    }
    String code = s.slots.get(Slots.CONFIRMATION_CODE);
    if (code != null) {
      b.append(b.length() > 0 ? ", " : "")
          .append(
              plan.goalKind() == GoalKind.COMPLAINT ? "reference number " : "confirmation number ")
          .append(Utterances.spell(code));
    }
    if (s.slots.containsKey(Slots.RESOLVED)) {
      b.insert(
          0,
          "the "
              + (plan.topic() != null ? plan.topic() : "problem")
              + " will be corrected"
              + (b.length() > 0 ? ", " : ""));
    }
    if (s.slots.containsKey(Slots.CANCELLED)) {
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
        plan.topic() != null && TIMED.contains(plan.goalKind())
            ? Utterances.withArticle(plan.topic()) + " on "
            : "";
    return "Just to confirm: " + what + b + ". Is that right?";
  }

  private void close(String outcome) {
    String name = s.slots.get(Slots.PERSON_NAME);
    s.say(
        (s.spoke() ? "" : "Thank you so much" + (name != null ? ", " + name : "") + ". ")
            + "Have a great day, goodbye.");
    s.hangUp(outcome);
  }
}
