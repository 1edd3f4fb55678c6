package dev.parley.media.bargein;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.echo.EchoGateConfig;
import dev.parley.audio.vad.VadConfig;
import dev.parley.media.call.InboundPipeline;
import dev.parley.media.playout.FrameSink;
import dev.parley.media.playout.OutboundPlayout;
import dev.parley.media.playout.PlayoutListener;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Random;

/**
 * A call's inbound pipeline and playout wired as the media server wires them, against a simulated
 * Twilio on a simulated clock: Twilio plays a frame of our audio and sends a frame of the callee's
 * audio (plus an echo of what it played) every 20 ms and echoes each mark when playback reaches it;
 * the server reads what queued and ticks 7 ms later, except while its event loop is stalled, when
 * inbound frames and mark echoes wait and Twilio's buffer may run dry. Deterministic, and far
 * faster than real time.
 */
final class SimulatedTwilioCall implements FrameSink, PlayoutListener {

  private static final int FRAME = MuLaw.FRAME_SAMPLES;

  /** What the simulated Twilio sends the server, in order: a media frame or a mark echo. */
  private record Message(byte[] media, long mark) {}

  private final ArrayDeque<Object> twilioBuffer = new ArrayDeque<>();
  private final ArrayDeque<Message> toServer = new ArrayDeque<>();
  final InboundPipeline pipeline;
  final OutboundPlayout playout;
  private long nowNanos;
  private int onsetMs = -1;
  private int detectedAtMs = -1;
  private int tick;
  private boolean dispersive;
  private boolean distorting;
  private Random lineNoise;

  SimulatedTwilioCall() {
    this(300, false);
  }

  /**
   * @param maxEchoDelayMs the session's echo delay bound, before the playout uncertainty is added
   * @param cancelEcho whether the call runs the echo canceller (a node option, off by default)
   */
  SimulatedTwilioCall(int maxEchoDelayMs, boolean cancelEcho) {
    pipeline =
        new InboundPipeline(
            VadConfig.defaults(),
            new EchoGateConfig(
                6, maxEchoDelayMs + InboundPipeline.PLAYOUT_UNCERTAINTY_MS, 3, 300, cancelEcho),
            new InboundPipeline.Listener() {
              @Override
              public void speechStarted(int atMs, boolean duringOutbound) {
                if (onsetMs < 0) {
                  onsetMs = atMs;
                  detectedAtMs = (tick + 1) * 20;
                }
              }

              @Override
              public void speechStopped(int endMs) {}

              @Override
              public void toRecognizer(byte[] mulaw, int off, int len, long sampleIndex) {}

              @Override
              public void inBandDigit(char digit) {}
            });
    playout = new OutboundPlayout(this, this, 200, 5);
  }

  /**
   * Makes the echo path a hybrid's rather than a delayed copy: a few taps over 11 ms (one of them
   * inverted) and a gain that wanders ±2.5 dB over 1.7 s.
   */
  SimulatedTwilioCall dispersive() {
    this.dispersive = true;
    return this;
  }

  /**
   * Makes the echo path less tidy than a linear filter: the echo goes through a soft-clipping
   * amplifier (about 2 dB of compression on our loudest syllables, third-order products about 25 dB
   * down) and picks up white noise at -60 dBov on the way, so an echo canceller cannot be tuned to
   * a perfect copy.
   */
  SimulatedTwilioCall distorting() {
    this.distorting = true;
    this.lineNoise = new Random(17);
    return this;
  }

  private static final int[] TAP_DELAYS = {0, 11, 37, 90};
  private static final double[] TAPS = {0.7, 0.4, -0.25, 0.1};

  /** The first speech onset the pipeline reported (ms of the inbound stream), or -1. */
  int onsetMs() {
    return onsetMs;
  }

  /** When that onset was confirmed: the end of the inbound frame that confirmed it (ms). */
  int detectedAtMs() {
    return detectedAtMs;
  }

  @Override
  public void sendMedia(byte[] mulaw, int off, int len) {
    // As CallPlayout does.
    long streamMs = playout.sentStreamMs();
    pipeline.outboundFrame(mulaw, off, len, streamMs, streamMs - playout.playedStreamMs(nowNanos));
    twilioBuffer.add(Arrays.copyOfRange(mulaw, off, off + len));
  }

  @Override
  public void sendMark(long number) {
    if (twilioBuffer.isEmpty()) {
      toServer.add(new Message(null, number));
    } else {
      twilioBuffer.add(number);
    }
  }

  @Override
  public void sendClear() {}

  @Override
  public void flush() {}

  @Override
  public void utterancePlayed(long utteranceId, int playedMs, boolean complete) {}

  private void echoMarksAtHead() {
    while (!twilioBuffer.isEmpty() && twilioBuffer.peek() instanceof Long mark) {
      twilioBuffer.poll();
      toServer.add(new Message(null, mark));
    }
  }

  /**
   * Plays {@code agent} from the start of the call while the callee's line carries {@code callee}
   * (its length is the call's) plus the echo of what played, {@code echoDb} after {@code
   * echoDelayMs}. Every {@code stallEveryMs} the server stalls for {@code stallMs} (±50 %, seeded);
   * {@code stallMs} 0: never. Returns the first speech onset (ms) or -1.
   */
  int run(
      byte[] agent,
      short[] callee,
      double echoDb,
      int echoDelayMs,
      int stallEveryMs,
      int stallMs,
      long seed) {
    playout.enqueue(0, agent.length, true);
    playout.append(0, agent, 0, agent.length);
    playout.finish(0);
    double gain = Double.isNaN(echoDb) ? 0 : Math.pow(10, echoDb / 20);
    int delay = echoDelayMs * 8;
    int ticks = callee.length / FRAME;
    short[] played = new short[ticks * FRAME];
    Random r = new Random(seed);
    int stallLeft = 0;
    for (tick = 0; tick < ticks; tick++) {
      int t = tick;
      echoMarksAtHead();
      if (twilioBuffer.peek() instanceof byte[] f) {
        twilioBuffer.poll();
        for (int i = 0; i < FRAME; i++) {
          played[t * FRAME + i] = MuLaw.decode(f[i]);
        }
      }
      echoMarksAtHead();
      byte[] in = new byte[FRAME];
      for (int i = 0; i < FRAME; i++) {
        int idx = t * FRAME + i;
        int v = callee[idx];
        if (!dispersive && idx >= delay) {
          v += (int) Math.round(played[idx - delay] * gain);
        } else if (dispersive) {
          double e = 0;
          for (int k = 0; k < TAPS.length; k++) {
            int j = idx - delay - TAP_DELAYS[k];
            e += j >= 0 ? TAPS[k] * played[j] : 0;
          }
          double wander = 1 + 0.33 * Math.sin(2 * Math.PI * idx / (8000 * 1.7));
          v += (int) Math.round(e * gain * wander);
        }
        if (distorting) {
          int echo = v - callee[idx];
          double x = echo / 32768.0;
          echo = (int) Math.round(Math.tanh(2.5 * x) / 2.5 * 32768);
          v = callee[idx] + echo + (int) Math.round(lineNoise.nextGaussian() * 33);
        }
        in[i] = MuLaw.encode(Math.max(-32768, Math.min(32767, v)));
      }
      toServer.add(new Message(in, -1));
      if (stallMs > 0 && t > 0 && (t * 20) % stallEveryMs == 0) {
        stallLeft = stallMs / 2 + r.nextInt(stallMs);
      }
      if (stallLeft > 0) {
        stallLeft -= 20;
        continue;
      }
      nowNanos = (t * 20L + 7) * 1_000_000L;
      while (!toServer.isEmpty()) {
        Message m = toServer.poll();
        if (m.media != null) {
          pipeline.process(m.media, 0, FRAME);
        } else {
          long reached = playout.onMarkEcho(m.mark, nowNanos);
          if (reached >= 0) {
            pipeline.playoutReached(reached);
          }
        }
      }
      playout.tick(nowNanos);
    }
    return onsetMs;
  }
}
