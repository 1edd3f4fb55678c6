package dev.parley.agent.dialog;

import dev.parley.agent.planning.PersonalField;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises the callee asking for one of the owner's personal details. Public so the LLM dialog
 * agent can warn the model when a request is for a detail it must not share.
 */
public final class PersonalInfoRequests {

  private static final Map<PersonalField, Pattern> ASKS = new LinkedHashMap<>();

  static {
    ASKS.put(
        PersonalField.DATE_OF_BIRTH,
        Pattern.compile(
            "(?i)date of birth|birth ?date|\\bdob\\b|birthday|when (?:was|were) (?:he|she|they|you) born"));
    ASKS.put(
        PersonalField.ACCOUNT_NUMBER,
        Pattern.compile(
            "(?i)account (?:number|no|id)|member(?:ship)? (?:number|id)|customer (?:number|id)"));
    ASKS.put(PersonalField.INSURANCE, Pattern.compile("(?i)insurance|insurer|policy number"));
    ASKS.put(PersonalField.EMAIL, Pattern.compile("(?i)e-?mail"));
    ASKS.put(
        PersonalField.ADDRESS,
        Pattern.compile(
            "(?i)(?<!e-?mail )\\baddress\\b|zip ?code|post ?code|where (?:does|do) (?:he|she|they) live"));
    ASKS.put(
        PersonalField.PHONE,
        Pattern.compile(
            "(?i)(?:phone|callback|call-back|contact|cell|mobile|telephone) number|number to (?:reach|call)|best number"));
    ASKS.put(
        PersonalField.FULL_NAME,
        Pattern.compile(
            "(?i)(?:what(?:'s| is)|can i (?:get|have|take)|may i (?:get|have|take)|could i (?:get|have)|i(?:'ll| will) need) "
                + "(?:the |your |his |her |their |a )?(?:\\w+'s )?(?:full |last |first )?name"
                + "|(?:under|in) (?:what|which|whose) name|what name|name (?:for|on) the (?:appointment|booking|reservation|account)"
                + "|who(?:'s| is) (?:the appointment|it|the booking|the reservation) for|spell (?:the|his|her|their) (?:last )?name"));
  }

  private PersonalInfoRequests() {}

  /** The personal detail {@code text} asks for, if it asks for one. */
  public static Optional<PersonalField> detect(String text) {
    String t = text.replace('’', '\'');
    if (!t.contains("?")
        && !Pattern.compile("(?i)\\b(?:can|could|may|what|need|spell|who|under)\\b")
            .matcher(t)
            .find()) {
      return Optional.empty();
    }
    for (Map.Entry<PersonalField, Pattern> e : ASKS.entrySet()) {
      if (e.getValue().matcher(t).find()) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }
}
