package dev.parley.audio.vad;

import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.tts.OfflineSpeechSynthesizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Phrases that open on an unvoiced sound (/s/ /sh/ /f/ /h/ /th/), as the offline synthesiser says
 * them: one half to tune the VAD's hiss rule on, the other held out to report it on. The tuning
 * half holds the barge-in tools' "Sorry, I need to move that appointment.", where the rule was
 * wanted.
 */
final class FricativePhrases {

  /** Tuned on. */
  static final List<String> TUNING =
      List.of(
          "Sorry, I need to move that appointment.",
          "Stop.",
          "Fine.",
          "Hello?",
          "Sure.",
          "Shall we say Monday?",
          "Thursday works.",
          "Hang on.",
          "Say that again?",
          "First thing tomorrow.");

  /** Held out: reported on, never tuned on. */
  static final List<String> HELD_OUT =
      List.of(
          "She said no.",
          "Thanks.",
          "Hold on.",
          "Sorry, wrong number.",
          "So what is this about?",
          "Four o'clock.",
          "Hi there.",
          "Friday is fine.",
          "Sounds good.",
          "Should be fine.");

  private static final Map<String, short[]> CACHE = new HashMap<>();
  private static OfflineSpeechSynthesizer tts;

  private FricativePhrases() {}

  /** The phrases as 8 kHz PCM, synthesised once per test JVM. */
  static synchronized List<short[]> pcm(List<String> texts) {
    if (tts == null) {
      tts = new OfflineSpeechSynthesizer(1);
    }
    List<short[]> out = new ArrayList<>();
    for (String text : texts) {
      out.add(CACHE.computeIfAbsent(text, t -> SignalMixer.toPcm(tts.synthesize(t))));
    }
    return out;
  }
}
