package dev.parley.media.call;

import dev.parley.protocol.SessionStart;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call announced by SESSION_START whose Twilio stream may not have arrived yet: holds the session
 * parameters and the greeting audio as it is synthesised, and hands both to the call when the
 * stream attaches. Thread-safe (synthesis runs on the TTS executor).
 */
final class PreparedCall {

  final SessionStart start;
  final long createdNanos = System.nanoTime();
  private final List<byte[]> greeting = new ArrayList<>();
  private boolean greetingDone;
  private CallSession session;
  private final AtomicBoolean ending = new AtomicBoolean();

  PreparedCall(SessionStart start) {
    this.start = start;
  }

  /** Claims the ending of a call that never streamed: true for the one caller that ends it. */
  boolean claimEnd() {
    return ending.compareAndSet(false, true);
  }

  /** Greeting audio from the synthesiser. */
  void greetingAudio(byte[] chunk) {
    CallSession s;
    synchronized (this) {
      if (session == null) {
        greeting.add(chunk);
        return;
      }
      s = session;
    }
    s.execute(() -> s.greetingAudio(chunk));
  }

  /** The greeting is fully synthesised (or failed: what there is will play). */
  void greetingDone() {
    CallSession s;
    synchronized (this) {
      greetingDone = true;
      if (session == null) {
        return;
      }
      s = session;
    }
    s.execute(s::greetingDone);
  }

  /** Attaches the call: replays the greeting so far on its event loop; later audio follows. */
  void attach(CallSession s) {
    // Enqueued under the lock so no later chunk can overtake the replay on the event loop.
    synchronized (this) {
      if (session == s) {
        return;
      }
      session = s;
      List<byte[]> sofar = List.copyOf(greeting);
      greeting.clear();
      boolean done = greetingDone;
      s.execute(
          () -> {
            s.prepared(this);
            sofar.forEach(s::greetingAudio);
            if (done) {
              s.greetingDone();
            }
          });
    }
  }
}
