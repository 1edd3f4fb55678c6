package dev.parley.agent.language;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Detects {@link CallSignal}s in what the other side said. Thread-safe. */
public final class CallSignalDetector {

  private static final Map<CallSignal, Pattern> PATTERNS =
      Map.of(
          CallSignal.VOICEMAIL_GREETING,
          Pattern.compile(
              "(?i)leave (?:a|your) (?:brief |short )?(?:message|name and number)|after the (?:tone|beep)"
                  + "|(?:not available|unavailable|can't come|cannot come|unable to (?:take|answer)) (?:to take your call|to the phone|right now)"
                  + "|voice ?mail|mailbox|record your message|at the tone"),
          CallSignal.IVR_MENU,
          Pattern.compile(
              "(?i)\\b(?:press|dial) (?:\\d|zero|one|two|three|four|five|six|seven|eight|nine|star|pound)\\b"
                  + "|(?:listen carefully|menu options have changed)"),
          CallSignal.WRONG_NUMBER,
          Pattern.compile(
              "(?i)wrong number|no one (?:here )?(?:by|with|named) that name|nobody (?:here )?(?:by|named|called)"
                  + "|(?:there's|there is) no (?:\\w+ )?(?:here|by that name)|(?:this|it) is(?:n't| not) (?:a |the )?\\w+(?: \\w+)? (?:office|clinic|business)"
                  + "|you(?:'ve| have) (?:got |dialed |called )?the wrong|this is a (?:private|residential|personal) (?:number|line|residence)"
                  + "|never heard of"),
          CallSignal.ASKED_IF_AI,
          Pattern.compile(
              "(?i)are you (?:a |an )?(?:robot|bot|machine|computer|ai|real person|human|recording|automated)"
                  + "|is this (?:a |an )?(?:robot|bot|recording|machine|computer|ai|real person|automated)"
                  + "|am i (?:talking|speaking) (?:to|with) (?:a |an )?(?:robot|machine|computer|real person|human|ai)"),
          CallSignal.ASKED_WHO_OR_WHY,
          Pattern.compile(
              "(?i)who(?:'s| is) (?:this|calling|speaking)|who are you|what(?:'s| is) (?:this|it|the call) (?:about|regarding|for)"
                  + "|how can i help|what can i do for you|how may i help|what do you need"),
          CallSignal.ASKED_TO_REPEAT,
          Pattern.compile(
              "(?i)(?:can|could|would) you (?:please )?(?:repeat|say that again)|say (?:that|it) again|pardon\\??$"
                  + "|sorry,? what|come again|i didn't (?:catch|hear|get) (?:that|you)|what was that"),
          CallSignal.GOODBYE,
          Pattern.compile(
              "(?i)\\b(?:good ?bye|bye(?: now| bye)?|have a (?:good|great|nice) (?:day|one|evening|afternoon|night)|take care)\\b"),
          CallSignal.TRANSFERRING,
          Pattern.compile(
              "(?i)(?:i'll|i will|let me|i'm going to|going to) (?:transfer|put you through|connect you)|transferring you|please hold while"));

  /** All signals present in {@code text}. */
  public Set<CallSignal> detect(String text) {
    EnumSet<CallSignal> found = EnumSet.noneOf(CallSignal.class);
    String t = text.replace('’', '\'');
    for (Map.Entry<CallSignal, Pattern> e : PATTERNS.entrySet()) {
      if (e.getValue().matcher(t).find()) {
        found.add(e.getKey());
      }
    }
    return found;
  }
}
