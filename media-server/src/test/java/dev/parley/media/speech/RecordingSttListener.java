package dev.parley.media.speech;

import dev.parley.media.speech.fake.FakeProviderServer;
import java.util.ArrayList;
import java.util.List;

/** Collects a recognition session's callbacks, as text lines, for assertions. */
public final class RecordingSttListener implements SpeechToText.Listener {

  private final List<String> events = new ArrayList<>();
  private final List<Throwable> errors = new ArrayList<>();

  @Override
  public synchronized void onTranscript(
      int seq, boolean isFinal, int startMs, int endMs, float confidence, String text) {
    events.add(
        seq + (isFinal ? " final " : " interim ") + startMs + ".." + endMs + " '" + text + "'");
  }

  @Override
  public synchronized void onError(Throwable error) {
    errors.add(error);
    events.add("error " + ((SpeechProviderException) error).kind());
  }

  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  public synchronized List<Throwable> errors() {
    return List.copyOf(errors);
  }

  /** Waits until {@code n} events arrived. */
  public List<String> await(int n) throws InterruptedException {
    if (!FakeProviderServer.await(() -> events().size() >= n, 5000)) {
      throw new AssertionError("expected " + n + " events, got " + events());
    }
    return events();
  }
}
