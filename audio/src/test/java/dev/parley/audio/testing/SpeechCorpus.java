package dev.parley.audio.testing;

import dev.parley.audio.signal.SignalMixer;
import dev.parley.audio.signal.Silence;
import dev.parley.audio.tts.OfflineSpeechSynthesizer;
import java.util.ArrayList;
import java.util.List;

/** Real synthesised utterances (FreeTTS kevin16 at 8 kHz), made once per test JVM. */
public final class SpeechCorpus {

  /** Callee-side phrases: short answers and longer sentences, as on a real call. */
  public static final List<String> CALLEE =
      List.of(
          "Hello?",
          "Yes, speaking.",
          "No.",
          "Could you call back tomorrow morning?",
          "Okay.",
          "I would like to book an appointment for Tuesday.",
          "Sure, that works for me.",
          "What is this about?",
          "Thanks, goodbye.",
          "Seven thirty.");

  /** Agent-side phrases: what the echo is made of. */
  public static final List<String> AGENT =
      List.of(
          "Hello, this is Parley, calling on behalf of Doctor Smith's office.",
          "I am calling to confirm your appointment on Tuesday at ten in the morning.",
          "Would you like to keep that time, or should I find another slot for you?");

  private static List<short[]> callee;
  private static List<short[]> agent;

  private SpeechCorpus() {}

  /** The callee phrases as 8 kHz PCM, in {@link #CALLEE} order. */
  public static synchronized List<short[]> callee() {
    load();
    return callee;
  }

  /** The agent phrases as 8 kHz PCM, in {@link #AGENT} order. */
  public static synchronized List<short[]> agent() {
    load();
    return agent;
  }

  /** The agent's phrases back to back with 300 ms between, {@code ms} long, as μ-law. */
  public static byte[] agentPlayout(int ms) {
    short[] out = Silence.pcm(ms);
    List<short[]> phrases = agent();
    int at = 0;
    for (int i = 0; at < out.length; i++) {
      short[] phrase = phrases.get(i % phrases.size());
      System.arraycopy(phrase, 0, out, at, Math.min(phrase.length, out.length - at));
      at += phrase.length + Silence.samples(300);
    }
    return SignalMixer.toMuLaw(out);
  }

  private static void load() {
    if (callee != null) {
      return;
    }
    try (OfflineSpeechSynthesizer tts = new OfflineSpeechSynthesizer(1)) {
      callee = synth(tts, CALLEE);
      agent = synth(tts, AGENT);
    }
  }

  private static List<short[]> synth(OfflineSpeechSynthesizer tts, List<String> texts) {
    List<short[]> out = new ArrayList<>();
    for (String text : texts) {
      out.add(SignalMixer.toPcm(tts.synthesize(text)));
    }
    return List.copyOf(out);
  }
}
