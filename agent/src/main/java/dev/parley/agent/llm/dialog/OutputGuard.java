package dev.parley.agent.llm.dialog;

import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.PhraseGuard;
import dev.parley.agent.llm.SpeechStream;
import dev.parley.agent.planning.OwnerProfile;
import dev.parley.agent.planning.PersonalField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks each sentence the model writes before anyone hears it: the owner's forbidden phrases are
 * removed ({@link PhraseGuard}, as for the rule-based agent), and a sentence carrying a personal
 * detail the owner did not allow (email, phone number, surname) is dropped whole.
 */
final class OutputGuard implements SpeechStream.Guard {

  private final PhraseGuard phrases;
  private final List<String> secretWords = new ArrayList<>();
  private final String secretDigits;

  OutputGuard(DialogContext c) {
    this.phrases = new PhraseGuard(c.settings().forbiddenPhrases());
    OwnerProfile o = c.owner();
    if (!c.settings().mayShare(PersonalField.EMAIL) && o.email() != null) {
      secretWords.add(o.email().toLowerCase(Locale.ROOT));
    }
    if (!c.settings().mayShare(PersonalField.FULL_NAME)) {
      String surname = o.fullName().substring(o.firstName().length()).trim();
      if (!surname.isEmpty()) {
        secretWords.add(surname.toLowerCase(Locale.ROOT));
      }
    }
    String digits = o.phone() == null ? "" : o.phone().replaceAll("\\D", "");
    // The last seven digits identify the line whatever prefix the model writes.
    this.secretDigits =
        !c.settings().mayShare(PersonalField.PHONE) && digits.length() >= 7
            ? digits.substring(digits.length() - 7)
            : null;
  }

  /** The sentence as it may be said, or null when it must not be said at all. */
  @Override
  public String check(String sentence) {
    String lower = sentence.toLowerCase(Locale.ROOT);
    for (String w : secretWords) {
      if (Pattern.compile("\\b" + Pattern.quote(w) + "\\b").matcher(lower).find()) {
        return null;
      }
    }
    if (secretDigits != null && sentence.replaceAll("\\D", "").contains(secretDigits)) {
      return null;
    }
    String clean = phrases.clean(sentence);
    return clean.isEmpty() ? null : clean;
  }
}
