package dev.parley.agent.llm.dialog;

import dev.parley.agent.llm.SentenceSink;
import dev.parley.agent.llm.SentenceSplitter;

/**
 * Carries the model's text from the stream to the sink: split into sentences, each checked by the
 * {@link OutputGuard}, the disclosure put first when the opening sentence lacks it, and every
 * sentence said also added to the turn's utterance.
 */
final class SpeechStream {

  private final SentenceSplitter splitter = new SentenceSplitter();
  private final OutputGuard guard;
  private final SentenceSink sink;
  private final TurnBuilder turn;
  private final String disclosure;
  private int delivered;

  /**
   * @param disclosure the sentence to say first when the first sentence does not disclose, or null
   *     when no disclosure is due this turn
   */
  SpeechStream(OutputGuard guard, SentenceSink sink, TurnBuilder turn, String disclosure) {
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
  void delta(String text) {
    if (sink.cancelled()) {
      throw new Cancelled();
    }
    for (String s : splitter.append(text)) {
      deliver(s);
    }
  }

  /** Delivers what is left once a model call has ended. */
  void flush() {
    String rest = splitter.finish();
    if (rest != null) {
      deliver(rest);
    }
  }

  /** True once any sentence reached the sink. */
  boolean delivered() {
    return delivered > 0;
  }

  private void deliver(String raw) {
    String sentence = guard.check(raw);
    if (sentence == null) {
      return;
    }
    if (delivered == 0 && disclosure != null && !OutputGuard.discloses(sentence)) {
      emit(disclosure);
    }
    emit(sentence);
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
  static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("callee barged in", null, false, false);
    }
  }
}
