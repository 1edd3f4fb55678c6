package dev.parley.benchmarks.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.audio.codec.G711Reference;
import dev.parley.audio.vad.VadConfig;
import io.netty.buffer.ByteBuf;
import java.util.Base64;

/**
 * The inbound media frame done the obvious way, as the baseline of {@link MediaFrameBenchmark}: the
 * same steps as the media server's path (read the Twilio {@code media} frame, decode the payload,
 * frame energy, echo gate, in-band DTMF on loud frames, VAD), each written as a first version would
 * be, with nothing tuned. Its decisions are not compared with Parley's; its work is the same kind
 * and amount.
 *
 * <ul>
 *   <li>Frame: copied out of the buffer, parsed into a Jackson tree, {@code event} checked, payload
 *       string through {@link Base64.Decoder}, {@code timestamp} through {@link Long#parseLong}.
 *   <li>μ-law: {@link G711Reference#decode} per sample (arithmetic G.711 decode) into a {@code
 *       double[]} allocated per frame.
 *   <li>Echo gate: the frame's mean square against the loudest outbound frame whose playout falls
 *       in the echo window (a ring of outbound mean squares), times the worst-case echo gain.
 *   <li>DTMF: when the frame is loud enough to hold a tone pair, eight Goertzel filters over the
 *       frame, textbook loop with their state in arrays, then the row/column peak checks.
 *   <li>VAD: 4th-order Butterworth high-pass as two {@link Biquad} objects called per sample, the
 *       output's energy and zero crossings, an adaptive noise floor and onset/hangover counts.
 * </ul>
 *
 * One instance per stream; not thread-safe.
 */
final class StraightforwardInboundFrame {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HISTORY = 512;
  private static final double[] DTMF_HZ = {697, 770, 852, 941, 1209, 1336, 1477, 1633};
  private static final String KEYS = "123A456B789C*0#D";

  /** One RBJ biquad section, transposed direct form II, a sample at a time. */
  static final class Biquad {
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private double z1;
    private double z2;

    Biquad(double b0, double b1, double b2, double a1, double a2) {
      this.b0 = b0;
      this.b1 = b1;
      this.b2 = b2;
      this.a1 = a1;
      this.a2 = a2;
    }

    static Biquad highPass(double hz, double q) {
      double w0 = 2 * Math.PI * hz / 8000;
      double alpha = Math.sin(w0) / (2 * q);
      double a0 = 1 + alpha;
      double cos = Math.cos(w0);
      return new Biquad(
          (1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    double process(double x) {
      double y = b0 * x + z1;
      z1 = b1 * x - a1 * y + z2;
      z2 = b2 * x - a2 * y;
      return y;
    }
  }

  private final VadConfig vad;
  private final Biquad highPass1;
  private final Biquad highPass2;
  private final double echoGain;
  private final long maxDelaySamples;
  private final long[] outStart = new long[HISTORY];
  private final double[] outMeanSquare = new double[HISTORY];
  private final double[] goertzelCoefficients = new double[8];
  private int outCount;
  private long samples;
  private double floor = 1;
  private int voicedRun;
  private int unvoicedRun;
  private boolean inSpeech;
  private long frames;
  private char lastDigit;
  private long events;

  StraightforwardInboundFrame(VadConfig vad, double echoReturnLossDb, int maxEchoDelayMillis) {
    this.vad = vad;
    this.highPass1 = Biquad.highPass(vad.highPassHz(), 0.54119610);
    this.highPass2 = Biquad.highPass(vad.highPassHz(), 1.30656296);
    this.echoGain = Math.pow(10, -echoReturnLossDb / 10);
    this.maxDelaySamples = maxEchoDelayMillis * 8L;
    for (int k = 0; k < 8; k++) {
      goertzelCoefficients[k] = 2 * Math.cos(2 * Math.PI * DTMF_HZ[k] / 8000);
    }
  }

  /** Inbound samples processed so far. */
  long sampleIndex() {
    return samples;
  }

  /** An outbound μ-law frame that starts playing at {@code playoutStart} (inbound samples). */
  void outboundFrame(byte[] mulaw, int off, int len, long playoutStart) {
    double sum = 0;
    for (int i = off; i < off + len; i++) {
      double x = G711Reference.decode(mulaw[i]);
      sum += x * x;
    }
    int slot = outCount++ % HISTORY;
    outStart[slot] = playoutStart;
    outMeanSquare[slot] = sum / len;
  }

  /** Reads one Twilio frame and runs its audio; returns a running count of events seen. */
  long frame(ByteBuf buf) throws java.io.IOException {
    byte[] bytes = new byte[buf.readableBytes()];
    buf.getBytes(buf.readerIndex(), bytes);
    JsonNode root = JSON.readTree(bytes);
    if (!"media".equals(root.path("event").asText())) {
      throw new IllegalStateException("not a media frame");
    }
    JsonNode media = root.path("media");
    byte[] payload = Base64.getDecoder().decode(media.path("payload").asText());
    long timestamp = Long.parseLong(media.path("timestamp").asText());
    double[] x = new double[payload.length];
    double energy = 0;
    for (int i = 0; i < payload.length; i++) {
      x[i] = G711Reference.decode(payload[i]);
      energy += x[i] * x[i];
    }
    double meanSquare = energy / x.length;
    boolean echo = meanSquare <= loudestOutbound(samples, x.length) * echoGain;
    // -36 dBov: below it the frame cannot hold two tones at -30 dBm0 each.
    if (meanSquare > 256_000) {
      char digit = goertzel(x);
      if (digit != 0 && digit != lastDigit) {
        events++;
      }
      lastDigit = digit;
    } else {
      lastDigit = 0;
    }
    if (vad(x, echo)) {
      events++;
    }
    samples += x.length;
    return events + timestamp;
  }

  private double loudestOutbound(long start, int len) {
    double loudest = 0;
    for (int k = 0; k < Math.min(outCount, HISTORY); k++) {
      long s = outStart[k];
      if (s + 160 > start - maxDelaySamples && s < start + len) {
        loudest = Math.max(loudest, outMeanSquare[k]);
      }
    }
    return loudest;
  }

  private char goertzel(double[] x) {
    double[] s1 = new double[8];
    double[] s2 = new double[8];
    double[] power = new double[8];
    for (double sample : x) {
      for (int k = 0; k < 8; k++) {
        double s = sample + goertzelCoefficients[k] * s1[k] - s2[k];
        s2[k] = s1[k];
        s1[k] = s;
      }
    }
    for (int k = 0; k < 8; k++) {
      power[k] = s1[k] * s1[k] + s2[k] * s2[k] - goertzelCoefficients[k] * s1[k] * s2[k];
    }
    int row = 0;
    int column = 4;
    for (int k = 1; k < 4; k++) {
      row = power[k] > power[row] ? k : row;
      column = power[4 + k] > power[column] ? 4 + k : column;
    }
    for (int k = 0; k < 4; k++) {
      if ((k != row && power[k] * 6.3 > power[row])
          || (4 + k != column && power[4 + k] * 6.3 > power[column])) {
        return 0;
      }
    }
    return KEYS.charAt(row * 4 + column - 4);
  }

  /** Returns true when the frame starts or ends an utterance. */
  private boolean vad(double[] x, boolean echo) {
    frames++;
    double energy = 0;
    int crossings = 0;
    boolean negative = false;
    for (double sample : x) {
      double y = highPass2.process(highPass1.process(sample));
      energy += y * y;
      if ((y < 0) != negative) {
        crossings++;
        negative = y < 0;
      }
    }
    double meanSquare = energy / x.length;
    double zcr = (double) crossings / x.length;
    if (frames <= vad.warmupFrames()) {
      floor = frames == 1 ? meanSquare : Math.min(floor, meanSquare);
      return false;
    }
    double threshold = floor * Math.pow(10, vad.thresholdDb() / 10);
    boolean voiced = !echo && meanSquare > threshold && zcr <= vad.maxZeroCrossingRate();
    if (!echo) {
      floor =
          meanSquare < floor
              ? floor + (meanSquare - floor) * vad.floorFallCoefficient()
              : Math.min(floor * Math.pow(10, vad.floorRiseDbPerFrame() / 10), meanSquare);
    }
    if (!inSpeech) {
      voicedRun = voiced ? voicedRun + 1 : 0;
      if (voicedRun >= vad.onsetFrames()) {
        inSpeech = true;
        unvoicedRun = 0;
        return true;
      }
      return false;
    }
    unvoicedRun = voiced ? 0 : unvoicedRun + 1;
    if (unvoicedRun >= vad.hangoverFrames()) {
      inSpeech = false;
      voicedRun = 0;
      return true;
    }
    return false;
  }
}
