package dev.parley.emulator.call;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SIMULATION ONLY: what happened on an emulated call, for tests, personas and the load harness: the
 * audio the callee heard and said (time-aligned, 160 bytes per 20 ms frame, up to a limit) and a
 * log of events (marks echoed, clears received, DTMF, callee lines, hang-ups).
 *
 * <p>Written by the call's event loop, read from anywhere (methods are synchronized; the lock is
 * uncontended on the write path).
 */
public final class CallRecording {

  /**
   * One entry of the log.
   *
   * @param at wall-clock time
   * @param nanoTime {@link System#nanoTime()} when it happened, for intervals
   * @param frame 20 ms frames since answer when it happened
   * @param type e.g. {@code mark-echo}, {@code clear}, {@code dtmf}, {@code callee}, {@code
   *     stream-start}, {@code stream-stop}, {@code twiml}
   * @param detail mark name, digit, line, reason …
   */
  public record Event(Instant at, long nanoTime, long frame, String type, String detail) {}

  private final int limitBytes;
  private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
  private final ByteArrayOutputStream said = new ByteArrayOutputStream();
  private final List<Event> events = new ArrayList<>();
  private long heardAudioFrames;

  CallRecording(int limitBytes) {
    this.limitBytes = limitBytes;
  }

  synchronized void frame(byte[] heardFrame, byte[] saidFrame, boolean heardAudio) {
    if (heardAudio) {
      heardAudioFrames++;
    }
    if (heard.size() + heardFrame.length <= limitBytes) {
      heard.write(heardFrame, 0, heardFrame.length);
      said.write(saidFrame, 0, saidFrame.length);
    }
  }

  synchronized void event(Instant at, long frame, String type, String detail) {
    events.add(new Event(at, System.nanoTime(), frame, type, detail));
  }

  /** μ-law the callee heard, one 160-byte frame per 20 ms since answer (silence included). */
  public synchronized byte[] heardAudio() {
    return heard.toByteArray();
  }

  /** μ-law the callee sent (its voice plus line echo), aligned with {@link #heardAudio()}. */
  public synchronized byte[] saidAudio() {
    return said.toByteArray();
  }

  /** Frames in which the callee heard the application's (or a Say's) audio, not padding. */
  public synchronized long heardAudioFrames() {
    return heardAudioFrames;
  }

  /** The whole log, in order. */
  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** Log entries of one type, in order. */
  public synchronized List<Event> events(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  /** Names of the marks echoed, in order. */
  public List<String> marksEchoed() {
    return events("mark-echo").stream().map(Event::detail).toList();
  }

  /** When each {@code clear} arrived, for barge-in measurements. */
  public List<Instant> clearsReceived() {
    return events("clear").stream().map(Event::at).toList();
  }
}
