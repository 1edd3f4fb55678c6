package dev.parley.agent.llm;

import java.util.regex.Pattern;

/**
 * Carries the model's text from the stream to the sink: split into sentences, each checked by a
 * {@link Guard}, the disclosure put first when the opening sentence lacks it, and every sentence
 * said also added to the turn's utterance.
 */
public final class SpeechStream {

  /** Checks one sentence before anyone hears it. */
  @FunctionalInterface
  public interface Guard {
    /**
     * The sentence as it may be said, or null to drop it silently. A guard that finds the whole
     * reply unusable throws an unchecked exception of its own, which leaves the model call.
     */
    String check(String sentence);
  }

  private static final Pattern DISCLOSES =
      Pattern.compile(
          "(?i)\\b(?:AI|A\\.I\\.|artificial intelligence|automated assistant|virtual assistant)\\b");

  private final SentenceSplitter splitter = new SentenceSplitter();
  private final Guard guard;
  private final SentenceSink sink;
  private final TurnBuilder turn;
  private final String disclosure;
  private int delivered;

  /**
   * @param disclosure the sentence to say first when the first sentence does not disclose, or null
   *     when no disclosure is due this turn
   */
  public SpeechStream(Guard guard, SentenceSink sink, TurnBuilder turn, String disclosure) {
    this.guard = guard;
    this.sink = sink;
    this.turn = turn;
    this.disclosure = disclosure;
  }

  /**
   * Takes one streamed piece.
   *
   * @throws Cancelled when the sink says the callee barged in
   */
  public void delta(String text) {
    if (sink.cancelled()) {
      throw new Cancelled();
    }
    for (String s : splitter.append(text)) {
      deliver(s);
    }
  }

  /** Delivers what is left once a model call has ended. */
  public void flush() {
    String rest = splitter.finish();
    if (rest != null) {
      deliver(rest);
    }
  }

  /** True once any sentence reached the sink. */
  public boolean delivered() {
    return delivered > 0;
  }

  private void deliver(String raw) {
    String sentence = guard.check(raw);
    if (sentence == null) {
      return;
    }
    if (delivered == 0 && disclosure != null && !discloses(sentence)) {
      emit(disclosure);
    }
    emit(sentence);
  }

  /** Whether {@code sentence} says that the speaker is an AI. */
  public static boolean discloses(String sentence) {
    return DISCLOSES.matcher(sentence).find();
  }

  private void emit(String sentence) {
    sink.sentence(sentence);
    turn.say(sentence);
    delivered++;
  }

  /**
   * Thrown out of the model's text callback to stop reading the stream; the stream is closed on the
   * way out and the turn keeps what was delivered.
   */
  public static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("callee barged in", null, false, false);
    }
  }
}
