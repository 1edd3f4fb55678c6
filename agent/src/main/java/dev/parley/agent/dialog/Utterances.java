package dev.parley.agent.dialog;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.MoneyLimit;
import dev.parley.agent.planning.PersonalField;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the rule-based agent says, worded once here so the flow code stays readable. */
final class Utterances {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("h a", Locale.US);

  private Utterances() {}

  /** The legally required disclosure: an AI, calling for a named person. */
  static String intro(DialogContext c) {
    return "Hi, this is "
        + c.settings().agentName()
        + ", an AI assistant calling on behalf of "
        + ownerName(c)
        + ".";
  }

  static String ownerName(DialogContext c) {
    return c.settings().mayShare(PersonalField.FULL_NAME)
        ? c.owner().fullName()
        : c.owner().firstName();
  }

  /** The opening request; never reveals the owner's price limit. */
  static String request(DialogContext c) {
    CallPlan p = c.plan();
    String who = ownerName(c);
    String first = c.owner().firstName();
    String topic = p.topic();
    String when = p.timeWindow() != null ? " " + p.timeWindow().raw() : "";
    return switch (p.goalKind()) {
      case BOOK_APPOINTMENT ->
          "I'd like to book "
              + (topic != null ? withArticle(topic) : "an appointment")
              + " for "
              + who
              + (when.isEmpty() ? ", at your earliest availability" : ", ideally" + when)
              + ". What do you have available?";
      case MAKE_RESERVATION ->
          "I'd like to reserve a table"
              + (p.partySize() != null ? " for " + p.partySize() : "")
              + when
              + ", under the name "
              + who
              + ". Do you have anything available?";
      case GET_QUOTE ->
          "I'm looking for a price"
              + (topic != null ? " for " + withArticle(topic) : "")
              + ". How much would that cost?";
      case CANCEL ->
          "I'm calling to cancel "
              + first
              + "'s "
              + (topic != null ? topic : "account")
              + ". Could you help me with that?";
      case RESCHEDULE ->
          first
              + " has "
              + (topic != null ? withArticle(topic) : "an appointment")
              + " booked with you and would like to move it to"
              + (when.isEmpty() ? " another time" : when)
              + ". Do you have anything then?";
      case ASK_QUESTION ->
          "I have a quick question. " + (p.questions().isEmpty() ? "" : p.questions().get(0));
      case REMINDER ->
          first
              + " asked me to remind you about "
              + (topic != null ? topic : "your plans")
              + ". Will you be able to make it?";
      case COMPLAINT ->
          "I'm calling about a problem on "
              + first
              + "'s account"
              + (topic != null ? ": " + definite(topic) : "")
              + ". Could you help me sort it out?";
      case OTHER -> "I'm calling because " + first + " asked me to: " + lowerFirst(p.instruction());
    };
  }

  static String voicemail(DialogContext c) {
    String phone = c.owner().phone();
    String back =
        phone != null && c.settings().mayShare(PersonalField.PHONE)
            ? " Please call " + c.owner().firstName() + " back at " + spokenPhone(phone) + "."
            : " " + c.owner().firstName() + " will try you again later.";
    return intro(c)
        + " I'm calling to "
        + lowerFirst(stripPeriod(c.plan().goal()))
        + "."
        + back
        + " Thank you, goodbye.";
  }

  static String when(ZonedDateTime t) {
    return DAY.format(t) + " at " + (t.getMinute() == 0 ? HOUR : TIME).format(t);
  }

  static String money(BigDecimal amount) {
    return MoneyLimit.format(amount, "USD");
  }

  /** "B74X9" read as "B-7-4-X-9" so the callee can check it character by character. */
  static String spell(String code) {
    return String.join("-", code.split(""));
  }

  static String spokenPhone(String e164) {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    try {
      var n = util.parse(e164, "US");
      return n.getCountryCode() == 1
          ? util.format(n, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)
          : util.format(n, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
    } catch (NumberParseException invalid) {
      return e164;
    }
  }

  static String withArticle(String noun) {
    return dev.parley.agent.language.Articles.withArticle(noun);
  }

  /** "$89.99 charge" → "the $89.99 charge"; phrases that already have a determiner stay. */
  static String definite(String noun) {
    String l = noun.toLowerCase(Locale.ROOT);
    return l.matches("^(?:a|an|the|my|our|his|her|their|they|we|i|it)\\b.*") ? noun : "the " + noun;
  }

  static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static String stripPeriod(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
