package dev.parley.media.call;

import dev.parley.media.bargein.BargeInDetector;
import dev.parley.media.metrics.CallMetrics;
import dev.parley.media.metrics.ServerMetrics;
import dev.parley.media.playout.OutboundPlayout;
import dev.parley.media.speech.SpeechToText;
import dev.parley.protocol.BargeIn;
import dev.parley.protocol.DtmfReceived;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SpeechStarted;
import dev.parley.protocol.SpeechStopped;
import dev.parley.protocol.Transcript;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the callee does, as the call hears it: speech starting and stopping (from the inbound
 * pipeline's VAD), audio for the recogniser and its transcripts, DTMF digits from Twilio or heard
 * in the audio, and barge-in when they talk over interruptible playback (confirmed speech, or an
 * interim transcript with words). Each becomes a control-plane message.
 *
 * <p>Allocates nothing per audio frame. Event loop only; the recogniser's callbacks hop there.
 */
final class CalleeEvents implements InboundPipeline.Listener {

  private static final Logger log = LoggerFactory.getLogger(CalleeEvents.class);

  /** A keypress is at least 40 ms and Twilio reports it within a few hundred ms of the tone. */
  private static final long DIGIT_DEDUP_NANOS = 600_000_000L;

  private static final SpeechToText.Session NO_RECOGNIZER =
      new SpeechToText.Session() {
        @Override
        public void sendAudio(byte[] mulaw, int off, int len, long sampleIndex) {}

        @Override
        public void close() {}
      };

  private final UUID callId;
  private final CallPlayout playout;
  private final BargeInDetector bargeIn;
  private final CallMetrics metrics;
  private final ServerMetrics serverMetrics;
  private final Executor loop;
  private final Consumer<ProtocolMessage> send;
  private SpeechToText.Session stt = NO_RECOGNIZER;
  private boolean closed;
  private boolean draining;
  private char lastDigit;
  private long lastDigitNanos;
  private boolean lastDigitInBand;

  CalleeEvents(
      UUID callId,
      CallPlayout playout,
      BargeInDetector bargeIn,
      CallMetrics metrics,
      ServerMetrics serverMetrics,
      Executor loop,
      Consumer<ProtocolMessage> send) {
    this.callId = callId;
    this.playout = playout;
    this.bargeIn = bargeIn;
    this.metrics = metrics;
    this.serverMetrics = serverMetrics;
    this.loop = loop;
    this.send = send;
  }

  /**
   * Opens the call's recogniser. One that refuses the call (a missing key, a number it must not
   * serve) is logged and counted, and the call goes on without transcripts rather than failing.
   */
  void openRecognizer(SpeechToText recognizers, SpeechToText.CallInfo info) {
    try {
      stt = recognizers.open(info, new SttListener());
    } catch (RuntimeException e) {
      serverMetrics.sttFailures.increment();
      log.warn("call {}: speech recognition unavailable: {}", callId, e.toString());
      stt = NO_RECOGNIZER;
    }
  }

  /**
   * Speech-to-speech: the model hears the callee instead, so the recogniser (if any) is closed and
   * no transcripts come from it.
   */
  void dropRecognizer() {
    stt.close();
    stt = NO_RECOGNIZER;
  }

  /** Tells the barge-in detector whether our audio is playing (it re-arms once it stops). */
  void playback(boolean playing) {
    bargeIn.playback(playing);
  }

  /** A digit Twilio reported. */
  void twilioDigit(char digit) {
    digit(digit, false);
  }

  /**
   * The call ended: digits, speech events and interim transcripts stop at once; the recogniser is
   * finished and {@code settled} runs on the event loop once its last final transcripts have gone
   * out (a cloud recogniser sends the words of the callee's last breath after its stream is told to
   * close), so they reach the control plane before the call's stats and SESSION_END.
   */
  void close(Runnable settled) {
    closed = true;
    draining = true;
    stt.finish(
        () ->
            loop.execute(
                () -> {
                  draining = false;
                  settled.run();
                }));
  }

  @Override
  public void speechStarted(int onsetMs, boolean duringOutbound) {
    send.accept(new SpeechStarted(callId, onsetMs));
    if (bargeIn.onSpeechConfirmed(playout.playing(), playout.interruptible())) {
      bargeIn(onsetMs);
    }
  }

  @Override
  public void speechStopped(int endMs) {
    send.accept(new SpeechStopped(callId, endMs));
  }

  @Override
  public void toRecognizer(byte[] mulaw, int off, int len, long sampleIndex) {
    stt.sendAudio(mulaw, off, len, sampleIndex);
  }

  @Override
  public void inBandDigit(char digit) {
    digit(digit, true);
  }

  /**
   * Reports a digit once: a key Twilio reports may also be heard in the audio, so the same digit
   * from the other source within {@link #DIGIT_DEDUP_NANOS} is the same keypress.
   */
  private void digit(char d, boolean inBand) {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    if (d == lastDigit && inBand != lastDigitInBand && now - lastDigitNanos < DIGIT_DEDUP_NANOS) {
      return;
    }
    lastDigit = d;
    lastDigitNanos = now;
    lastDigitInBand = inBand;
    serverMetrics.dtmfReceived.increment();
    send.accept(new DtmfReceived(callId, d));
  }

  private void bargeIn(int onsetMs) {
    OutboundPlayout.Interruption cut = playout.stopSpeaking();
    metrics.bargeIns++;
    if (cut != null && cut.utteranceId() >= 0) {
      send.accept(new BargeIn(callId, (int) cut.utteranceId(), cut.heardMs(), onsetMs));
    }
    log.debug("call {}: barge-in at {} ms, cut {}", callId, onsetMs, cut);
  }

  /** The recogniser's callbacks, hopped onto the event loop. */
  private final class SttListener implements SpeechToText.Listener {
    @Override
    public void onTranscript(
        int seq, boolean isFinal, int startMs, int endMs, float confidence, String text) {
      Runnable report =
          () -> {
            if (closed && !(draining && isFinal)) {
              return;
            }
            if (!isFinal
                && bargeIn.onInterimTranscript(text, playout.playing(), playout.interruptible())) {
              bargeIn(startMs);
            }
            float c = Float.isFinite(confidence) ? Math.max(0f, Math.min(1f, confidence)) : 0f;
            send.accept(
                new Transcript(
                    callId,
                    seq,
                    Transcript.Speaker.CALLEE,
                    isFinal,
                    startMs,
                    Math.max(startMs, endMs),
                    c,
                    text));
          };
      // Runs at once when already on the call's event loop (as during close()).
      loop.execute(report);
    }

    @Override
    public void onError(Throwable error) {
      log.warn("call {}: recogniser failed: {}", callId, error.toString());
    }
  }
}
