package dev.parley.benchmarks.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.protocol.ProtocolDecoder;
import dev.parley.protocol.ProtocolEncoder;
import dev.parley.protocol.ProtocolLimits;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.ProtocolReader;
import dev.parley.protocol.Speak;
import dev.parley.protocol.Transcript;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The binary protocol's codec against Jackson JSON for the two hottest messages, TRANSCRIPT and
 * SPEAK, each with a 100-character text. Binary encode writes into a reused direct buffer and
 * should allocate nothing; decode allocates the message (record, String, UUID). The JSON baselines
 * use one ObjectMapper with the same records.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ProtocolCodecBenchmark -prof gc -f 1 -wi 3 -w 2 -i 5 -r 2
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProtocolCodecBenchmark {
  static final String TEXT_100 =
      "I'd like to move my service appointment from Tuesday to Thursday morning, around ten if you can, ok?";

  private final ProtocolEncoder encoder = new ProtocolEncoder();
  private final ProtocolReader reader = new ProtocolReader(ProtocolLimits.DEFAULT);
  private final ProtocolDecoder decoder = new ProtocolDecoder();
  private final ObjectMapper mapper = new ObjectMapper();

  private Transcript transcript;
  private Speak speak;
  private ByteBuf out;
  private ByteBuf transcriptFrame;
  private ByteBuf speakFrame;
  private byte[] transcriptJson;
  private byte[] speakJson;

  @Setup
  public void setUp() throws IOException {
    String text = TEXT_100;
    if (text.length() != 100) {
      throw new IllegalStateException("text is " + text.length() + " chars");
    }
    UUID call = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    transcript =
        new Transcript(call, 7, Transcript.Speaker.CALLEE, true, 12_340, 15_020, 0.91f, text);
    speak = new Speak(call, 12, 3, false, true, text);
    out = Unpooled.directBuffer(512);
    transcriptFrame = frame(transcript);
    speakFrame = frame(speak);
    transcriptJson = mapper.writeValueAsBytes(transcript);
    speakJson = mapper.writeValueAsBytes(speak);
    check(transcript, reader.read(transcriptFrame, 0, transcriptFrame.readableBytes()));
    check(speak, reader.read(speakFrame, 0, speakFrame.readableBytes()));
    check(transcript, mapper.readValue(transcriptJson, Transcript.class));
    check(speak, mapper.readValue(speakJson, Speak.class));
  }

  @TearDown
  public void tearDown() {
    out.release();
    transcriptFrame.release();
    speakFrame.release();
    decoder.close();
  }

  private ByteBuf frame(ProtocolMessage message) {
    ByteBuf frame = Unpooled.directBuffer(256);
    encoder.encode(message, frame);
    return frame;
  }

  private static void check(ProtocolMessage expected, Object actual) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException("codec mismatch: " + expected + " vs " + actual);
    }
  }

  @Benchmark
  public int encodeTranscript() {
    out.clear();
    encoder.encode(transcript, out);
    return out.writerIndex();
  }

  @Benchmark
  public int encodeSpeak() {
    out.clear();
    encoder.encode(speak, out);
    return out.writerIndex();
  }

  @Benchmark
  public ProtocolMessage decodeTranscript() {
    return reader.read(transcriptFrame, 0, transcriptFrame.writerIndex());
  }

  @Benchmark
  public ProtocolMessage decodeSpeak() {
    return reader.read(speakFrame, 0, speakFrame.writerIndex());
  }

  /** Encode, then decode through the streaming decoder, as a connection does. */
  @Benchmark
  public ProtocolMessage roundTripTranscript() {
    out.clear();
    encoder.encode(transcript, out);
    return decoder.next(out);
  }

  @Benchmark
  public ProtocolMessage roundTripSpeak() {
    out.clear();
    encoder.encode(speak, out);
    return decoder.next(out);
  }

  @Benchmark
  public byte[] baselineJsonEncodeTranscript() throws IOException {
    return mapper.writeValueAsBytes(transcript);
  }

  @Benchmark
  public byte[] baselineJsonEncodeSpeak() throws IOException {
    return mapper.writeValueAsBytes(speak);
  }

  @Benchmark
  public Transcript baselineJsonDecodeTranscript() throws IOException {
    return mapper.readValue(transcriptJson, Transcript.class);
  }

  @Benchmark
  public Speak baselineJsonDecodeSpeak() throws IOException {
    return mapper.readValue(speakJson, Speak.class);
  }

  @Benchmark
  public Transcript baselineJsonRoundTripTranscript() throws IOException {
    return mapper.readValue(mapper.writeValueAsBytes(transcript), Transcript.class);
  }

  @Benchmark
  public Speak baselineJsonRoundTripSpeak() throws IOException {
    return mapper.readValue(mapper.writeValueAsBytes(speak), Speak.class);
  }
}
