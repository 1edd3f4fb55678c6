package dev.parley.media.speech;

import dev.parley.media.speech.fake.FakeProviderServer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Collects one synthesis stream's callbacks for assertions. */
public final class RecordingTtsListener implements TextToSpeech.Listener {

  private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
  private final List<String> ends = new ArrayList<>();
  private final List<Throwable> errors = new ArrayList<>();
  private int chunks;

  @Override
  public synchronized void onAudio(byte[] mulaw) {
    audio.writeBytes(mulaw);
    chunks++;
  }

  @Override
  public synchronized void onComplete() {
    ends.add("complete");
  }

  @Override
  public synchronized void onError(Throwable error) {
    ends.add("error " + ((SpeechProviderException) error).kind());
    errors.add(error);
  }

  public synchronized byte[] audio() {
    return audio.toByteArray();
  }

  public synchronized int chunks() {
    return chunks;
  }

  public synchronized List<String> ends() {
    return List.copyOf(ends);
  }

  public synchronized List<Throwable> errors() {
    return List.copyOf(errors);
  }

  /** Waits for the stream's end (complete or error). */
  public List<String> awaitEnd() throws InterruptedException {
    if (!FakeProviderServer.await(() -> !ends().isEmpty(), 5000)) {
      throw new AssertionError("stream did not end; " + audio().length + " bytes so far");
    }
    return ends();
  }
}
