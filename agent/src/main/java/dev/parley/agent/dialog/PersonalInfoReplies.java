package dev.parley.agent.dialog;

import dev.parley.agent.planning.PersonalField;
import java.util.Locale;

/**
 * Answers the callee's request for one of the owner's personal details: the detail when the owner's
 * settings allow sharing it, a polite refusal when they don't or the agent doesn't know it.
 * Recognising the request is {@link PersonalInfoRequests}'s job.
 */
final class PersonalInfoReplies {
  private PersonalInfoReplies() {}

  /** Says the answer to a request for {@code field}. */
  static void answer(DialogContext c, Session s, PersonalField field) {
    String first = c.owner().firstName();
    String value =
        switch (field) {
          case FULL_NAME -> c.owner().fullName();
          case PHONE ->
              c.owner().phone() == null ? null : Utterances.spokenPhone(c.owner().phone());
          case EMAIL -> c.owner().email();
          default -> noteAbout(c, field);
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

  /** A note among the plan's facts to share that names {@code field}, or null. */
  private static String noteAbout(DialogContext c, PersonalField field) {
    String key = field.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return c.plan().factsToShare().stream()
        .filter(f -> f.field().equals("note") && f.value().toLowerCase(Locale.ROOT).contains(key))
        .map(f -> f.value())
        .findFirst()
        .orElse(null);
  }
}
