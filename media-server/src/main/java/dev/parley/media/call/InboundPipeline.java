package dev.parley.media.call;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.dtmf.GoertzelDtmfDetector;
import dev.parley.audio.echo.EchoCanceller;
import dev.parley.audio.echo.EchoGate;
import dev.parley.audio.echo.EchoGateConfig;
import dev.parley.audio.echo.PreRollConsumer;
import dev.parley.audio.vad.VadConfig;
import dev.parley.audio.vad.VadEvent;
import dev.parley.audio.vad.VoiceActivityDetector;

/**
 * The inbound half of the call loop, per 20 ms frame: μ-law energy, echo gate, in-band DTMF, VAD,
 * then either STT or the pre-roll. While our audio may be echoing back, frames are held in the echo
 * gate's pre-roll rather than sent to STT; if the VAD confirms speech the gate could not explain as
 * echo, the pre-roll is released to STT first (the interruption keeps its first syllable) and the
 * listener hears of the onset (barge-in). Otherwise held frames are dropped.
 *
 * <p>Per frame it allocates nothing. Event loop only.
 */
public final class InboundPipeline implements PreRollConsumer {

  /** What the pipeline reports to the call. */
  public interface Listener {
    /** Speech confirmed, starting at {@code onsetMs} of the inbound stream. */
    void speechStarted(int onsetMs, boolean duringOutbound);

    /** Speech ended at {@code endMs}. */
    void speechStopped(int endMs);

    /** Audio for the recogniser. */
    void toRecognizer(byte[] mulaw, int off, int len, long sampleIndex);

    /** A DTMF digit heard in the callee's audio. */
    void inBandDigit(char digit);
  }

  private final VoiceActivityDetector vad;
  private final EchoGate gate;
  private final EchoCanceller canceller;
  private final GoertzelDtmfDetector dtmf = new GoertzelDtmfDetector();
  private final Listener listener;

  /**
   * How far the playout estimate (marks extrapolated, inbound frames as the clock) may run late:
   * three frames of jitter on either stream. The echo window is widened by as much.
   */
  public static final int PLAYOUT_UNCERTAINTY_MS = 60;

  /**
   * Mean square (16-bit linear) 3 dB below two tones at -30 dBm0 each, the weakest pair the
   * Goertzel receiver accepts (0 dBm0 sine: peak 22 672, mean square 2.57e8).
   */
  private static final long DTMF_MIN_MEAN_SQUARE = 256_000L;

  private final int hangoverFrames;
  private final long echoWindowSamples;
  private long samples;
  private long echoFrames;

  // Our stream on the inbound timeline: inbound sample = stream sample + offset, for the stretch
  // of playout since Twilio's buffer last ran empty (from stretchStart, in stream samples).
  private long offset;
  private long stretchStart;
  private long confirmedFrame;
  private boolean mapped;
  private boolean confirmed;

  public InboundPipeline(VadConfig vadConfig, EchoGateConfig echoConfig, Listener listener) {
    this.vad = new VoiceActivityDetector(vadConfig);
    this.gate = new EchoGate(echoConfig);
    this.canceller =
        echoConfig.cancelEcho() ? new EchoCanceller(echoConfig.maxEchoDelayMillis()) : null;
    this.listener = listener;
    this.hangoverFrames = vadConfig.hangoverFrames();
    this.echoWindowSamples = (long) echoConfig.maxEchoDelayMillis() * 8;
  }

  /** Processes inbound μ-law in 20 ms frames (a trailing partial frame is processed as is). */
  public void process(byte[] mulaw, int off, int len) {
    for (int p = 0; p < len; p += MuLaw.FRAME_SAMPLES) {
      frame(mulaw, off + p, Math.min(MuLaw.FRAME_SAMPLES, len - p));
    }
  }

  private void frame(byte[] b, int off, int n) {
    long idx = samples;
    long energy = MuLaw.energy(b, off, n);
    // Every frame goes through the gate, playing or not: it also tracks when our audio resumed.
    boolean echo = gate.isEchoEnergy(energy, n, idx);
    boolean outbound = gate.lastFrameOverlappedPlayback();
    boolean clear = outbound && gate.clearlyNotEcho();
    // What the VAD and STT hear: while our audio may echo and the canceller has converged, the
    // inbound audio with our echo subtracted.
    byte[] heard = b;
    int heardOff = off;
    if (outbound && canceller != null && canceller.process(b, off, n, idx, clear)) {
      heard = canceller.residual();
      heardOff = 0;
      if (echo && canceller.calleeHeard()) {
        // Louder than our echo alone leaves after cancelling: the callee, however quiet next to the
        // echo itself, which no level gate can tell apart.
        echo = false;
        clear = canceller.calleeClear();
      }
    }
    if (echo) {
      echoFrames++;
    }
    char digit = GoertzelDtmfDetector.NONE;
    if (energy < (long) n * DTMF_MIN_MEAN_SQUARE) {
      // Too quiet to hold the weakest accepted tone pair: a gap between keys. Skipping the eight
      // Goertzel filters here saves their cost on most frames of a call.
      dtmf.reset();
    } else {
      digit = dtmf.process(b, off, n);
    }
    if (digit != GoertzelDtmfDetector.NONE && !outbound) {
      // While our audio may echo back, a tone could be our own SEND_DTMF: Twilio's dtmf events
      // still report the callee's keys then.
      listener.inBandDigit(digit);
    }
    // During playback a shorter onset count only for frames clearly above what our echo explains.
    VadEvent ev = vad.process(heard, heardOff, n, echo, clear);
    samples += n;
    if (ev == VadEvent.SPEECH_START) {
      // Release what was held (including the onset frames) before this frame, in order.
      gate.holdFrame(heard, heardOff, n, idx);
      gate.drainPreRoll(this);
      listener.speechStarted((int) (vad.onsetSample() / 8), outbound);
      return;
    }
    if (ev == VadEvent.SPEECH_END) {
      long end = Math.max(vad.onsetSample(), samples - (long) hangoverFrames * MuLaw.FRAME_SAMPLES);
      listener.speechStopped((int) (end / 8));
    }
    if (outbound && !vad.inSpeech()) {
      gate.holdFrame(heard, heardOff, n, idx);
      return;
    }
    if (gate.preRollSize() > 0) {
      // Playback ended without speech: what was held could be echo, so it never reaches STT.
      gate.clearPreRoll();
    }
    listener.toRecognizer(heard, heardOff, n, idx);
  }

  @Override
  public void accept(byte[] buf, int off, int len, long sampleIndex) {
    listener.toRecognizer(buf, off, len, sampleIndex);
  }

  /**
   * An outbound frame at {@code streamMs} of our stream is sent; {@code leadMs} is how far ahead of
   * Twilio's playout it is by the playout clock (0 or less: Twilio's buffer is empty, so it plays
   * at once and starts a new stretch of the timeline).
   */
  public void outboundFrame(byte[] b, int off, int len, long streamMs, long leadMs) {
    long streamSample = streamMs * 8;
    if (leadMs <= 0 || !mapped) {
      // Plays as it arrives: placed at the inbound position now, which is when Twilio's next
      // inbound frame starts. A guess until a mark echo of this stretch confirms it.
      offset = samples - streamSample;
      stretchStart = streamSample;
      confirmed = false;
      mapped = true;
      gate.timelineTrustedFrom(Long.MAX_VALUE);
      if (canceller != null) {
        canceller.trustFrom(Long.MAX_VALUE);
      }
    }
    gate.onOutboundFrame(b, off, len, placement(streamSample));
    if (canceller != null) {
      canceller.farFrame(b, off, len, streamSample + offset);
    }
  }

  /**
   * Twilio echoed a mark placed after {@code streamMs} of our stream: playout has just played the
   * frame before it. That anchors the stream to the inbound timeline to the frame, since Twilio's
   * mark echoes and media frames arrive in one ordered stream however late we read them.
   */
  public void playoutReached(long streamMs) {
    if (!mapped) {
      return;
    }
    long lastFrame = streamMs * 8 - MuLaw.FRAME_SAMPLES;
    long measured = samples - lastFrame;
    long delta = measured - offset;
    if (!confirmed) {
      // The first echo of a stretch: every frame of it moves to where it really plays.
      gate.shiftOutbound(placement(stretchStart), delta);
      if (canceller != null) {
        canceller.shiftFar(stretchStart + offset, delta);
      }
      offset = measured;
      confirmed = true;
      confirmedFrame = lastFrame;
      gate.timelineTrustedFrom(samples);
      if (canceller != null) {
        canceller.trustFrom(samples);
      }
      return;
    }
    if (delta > 0) {
      // Twilio ran dry inside the stretch (our event loop stalled longer than the lead): frames
      // since the last echo played somewhere up to delta later than placed, so each covers that
      // whole span; from this one on they move. Only the whole window judges until the echoes of
      // the uncertain ones have passed.
      gate.widenOutbound(placement(confirmedFrame), placement(lastFrame), delta);
      // The canceller cannot subtract audio whose place is unknown: it waits until those frames'
      // echoes have passed (they played up to delta late).
      if (canceller != null) {
        canceller.suspendUntil(samples + delta + echoWindowSamples + EchoCanceller.TAPS);
      }
    }
    if (delta != 0) {
      gate.shiftOutbound(placement(lastFrame), delta);
      if (canceller != null) {
        canceller.shiftFar(lastFrame + offset, delta);
      }
      offset = measured;
      if (Math.abs(delta) > MuLaw.FRAME_SAMPLES) {
        gate.timelineCorrected(samples + echoWindowSamples);
        if (canceller != null) {
          canceller.suspendUntil(samples + echoWindowSamples + EchoCanceller.TAPS);
        }
      }
    }
    confirmedFrame = lastFrame;
  }

  /**
   * Where the frame at {@code streamSample} goes on the gate's timeline: where it plays, early by
   * the clock's uncertainty (an echo arriving before the window opens would be taken for the
   * callee; one arriving late only needs the window's far end, widened to match).
   */
  private long placement(long streamSample) {
    return Math.max(0, streamSample + offset - PLAYOUT_UNCERTAINTY_MS * 8L);
  }

  /** Twilio dropped its buffer: frames scheduled from now on never play. */
  public void playbackCleared() {
    gate.onPlaybackCleared(samples);
    if (canceller != null) {
      canceller.clearFar(samples);
    }
    mapped = false;
  }

  /**
   * The echo path's delay the gate has learned (ms after a frame's placement, which is early by
   * {@link #PLAYOUT_UNCERTAINTY_MS}), or -1 before it has learned one: for tests and reports.
   */
  public int echoPathLagMillis() {
    return gate.echoPathLagMillis();
  }

  /** Inbound samples processed so far. */
  public long sampleIndex() {
    return samples;
  }

  boolean inSpeech() {
    return vad.inSpeech();
  }

  long echoFrames() {
    return echoFrames;
  }
}
