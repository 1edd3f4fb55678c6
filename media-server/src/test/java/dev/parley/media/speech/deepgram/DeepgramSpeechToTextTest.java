package dev.parley.media.speech.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.speech.RecordingSttListener;
import dev.parley.media.speech.SpeechProviderException;
import dev.parley.media.speech.SpeechToText;
import dev.parley.media.speech.fake.FakeProviderServer;
import dev.parley.media.speech.fake.FakeProviderServer.Conn;
import dev.parley.media.speech.fake.ProviderTestBed;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deepgram live STT against a local fake of its WebSocket protocol, over real sockets. */
class DeepgramSpeechToTextTest {

  @RegisterExtension final ProviderTestBed bed = new ProviderTestBed();

  private FakeDeepgramListen fake(long idleTimeoutMs) throws InterruptedException {
    FakeDeepgramListen fake = new FakeDeepgramListen(idleTimeoutMs);
    bed.serve(fake);
    return fake;
  }

  private DeepgramSpeechToText stt(String key, Duration keepAlive) {
    DeepgramConfig c =
        DeepgramConfig.of(key)
            .withBaseUrl(bed.server().baseUrl())
            .withTimings(300, 1000, keepAlive, Duration.ofSeconds(2));
    return new DeepgramSpeechToText(c, bed.connector(), bed.metrics());
  }

  private static byte[] frame(int seed) {
    byte[] b = new byte[160];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }

  @Test
  void streamsRawMuLawAndAssemblesUtterances() throws Exception {
    fake(5000);
    RecordingSttListener l = new RecordingSttListener();
    SpeechToText.Session s =
        stt(FakeDeepgramListen.KEY, Duration.ofSeconds(4))
            .open(SpeechToText.CallInfo.of("call-1", "en-US"), l);
    // Sent at once, before the upgrade completes: held and delivered in order on open.
    for (int i = 0; i < 50; i++) {
      s.sendAudio(frame(i), 0, 160, i * 160L);
    }
    Conn c = bed.server().awaitConnection(0, 5000);
    assertThat(FakeProviderServer.await(() -> c.binaryBytes() == 8000, 5000)).isTrue();
    assertThat(c.events()).hasSize(50).allMatch(e -> e.equals(160));
    assertThat(c.headers().get("Authorization")).isEqualTo("Token " + FakeDeepgramListen.KEY);
    assertThat(c.query())
        .containsEntry("encoding", "mulaw")
        .containsEntry("sample_rate", "8000")
        .containsEntry("channels", "1")
        .containsEntry("interim_results", "true")
        .containsEntry("endpointing", "300")
        .containsEntry("utterance_end_ms", "1000")
        .containsEntry("model", "nova-3")
        .containsEntry("language", "en-US");

    c.sendText(FakeDeepgramListen.results("hello", 0.1, 0.4, false, false, false));
    c.sendText(FakeDeepgramListen.results("hello there", 0.1, 0.6, true, false, false));
    c.sendText(FakeDeepgramListen.results("how are", 0.7, 0.2, false, false, false));
    c.sendText(FakeDeepgramListen.results("how are you", 0.7, 0.3, true, true, false));
    c.sendText(FakeDeepgramListen.results("", 1.0, 0.0, true, true, false));
    c.sendText(FakeDeepgramListen.results("and you", 1.2, 0.3, true, false, false));
    c.sendText(FakeDeepgramListen.utteranceEnd(1.5));
    assertThat(l.await(6))
        .containsExactly(
            "0 interim 100..500 'hello'",
            "0 interim 100..700 'hello there'",
            "0 interim 100..900 'hello there how are'",
            "0 final 100..1000 'hello there how are you'",
            "1 interim 1200..1500 'and you'",
            "1 final 1200..1500 'and you'");
    s.close();
    assertThat(c.closed()).succeedsWithin(Duration.ofSeconds(5));
    assertThat(l.errors()).isEmpty();
  }

  @Test
  void timesFollowTheInboundStreamAcrossAudioHeldBack() throws Exception {
    fake(5000);
    RecordingSttListener l = new RecordingSttListener();
    SpeechToText.Session s =
        stt(FakeDeepgramListen.KEY, Duration.ofSeconds(4))
            .open(SpeechToText.CallInfo.of("call-2", "en-US"), l);
    for (int i = 0; i < 50; i++) {
      s.sendAudio(frame(i), 0, 160, i * 160L);
    }
    // The echo gate held back 3 s of inbound audio (the agent was speaking): the next chunk
    // starts at 4 s of the stream but is only the second second Deepgram hears.
    for (int i = 0; i < 50; i++) {
      s.sendAudio(frame(i), 0, 160, 32_000 + i * 160L);
    }
    Conn c = bed.server().awaitConnection(0, 5000);
    assertThat(FakeProviderServer.await(() -> c.binaryBytes() == 16_000, 5000)).isTrue();
    c.sendText(FakeDeepgramListen.results("wait", 1.25, 0.5, true, true, false));
    assertThat(l.await(1)).containsExactly("0 final 4250..4750 'wait'");
    s.close();
  }

  @Test
  void closeFinalizesSoTrailingWordsAreNotLost() throws Exception {
    FakeDeepgramListen fake = fake(5000);
    fake.holdWords("see you tomorrow");
    RecordingSttListener l = new RecordingSttListener();
    SpeechToText.Session s =
        stt(FakeDeepgramListen.KEY, Duration.ofSeconds(4))
            .open(SpeechToText.CallInfo.of("call-3", "en-US"), l);
    for (int i = 0; i < 25; i++) {
      s.sendAudio(frame(i), 0, 160, i * 160L);
    }
    Conn c = bed.server().awaitConnection(0, 5000);
    assertThat(FakeProviderServer.await(() -> c.binaryBytes() == 4000, 5000)).isTrue();
    s.close();
    assertThat(l.await(1)).containsExactly("0 final 0..500 'see you tomorrow'");
    assertThat(c.closed()).succeedsWithin(Duration.ofSeconds(5));
    assertThat(c.texts()).containsExactly("{\"type\":\"Finalize\"}", "{\"type\":\"CloseStream\"}");
    assertThat(l.errors()).isEmpty();
    // Audio after close is dropped and counted, never sent.
    s.sendAudio(frame(1), 0, 160, 4000);
    assertThat(bed.metrics().provider("deepgram").sttDroppedBytes.sum()).isEqualTo(160);
  }

  @Test
  void keepAliveHoldsASilentStreamOpen() throws Exception {
    fake(400);
    RecordingSttListener l = new RecordingSttListener();
    SpeechToText.Session s =
        stt(FakeDeepgramListen.KEY, Duration.ofMillis(100))
            .open(SpeechToText.CallInfo.of("call-4", "en-US"), l);
    s.sendAudio(frame(0), 0, 160, 0);
    Conn c = bed.server().awaitConnection(0, 5000);
    // Silence three times longer than the fake's idle timeout.
    assertThat(FakeProviderServer.await(() -> c.texts().size() >= 8, 5000)).isTrue();
    assertThat(c.closed()).isNotDone();
    assertThat(c.texts()).allMatch("{\"type\":\"KeepAlive\"}"::equals);
    assertThat(l.errors()).isEmpty();
    s.close();
    assertThat(c.closed()).succeedsWithin(Duration.ofSeconds(5));
  }

  @Test
  void idleCloseNet0001IsReportedOnce() throws Exception {
    fake(150);
    RecordingSttListener l = new RecordingSttListener();
    SpeechToText.Session s =
        stt(FakeDeepgramListen.KEY, Duration.ofSeconds(2))
            .open(SpeechToText.CallInfo.of("call-5", "en-US"), l);
    s.sendAudio(frame(0), 0, 160, 0);
    assertThat(l.await(1)).containsExactly("error PROVIDER_ERROR");
    assertThat(l.errors().get(0)).hasMessageContaining("1011").hasMessageContaining("NET-0001");
    s.close();
    Thread.sleep(100);
    assertThat(l.events()).hasSize(1);
    assertThat(bed.metrics().provider("deepgram").sttErrors.sum()).isEqualTo(1);
  }

  @Test
  void badKeyIsAnUnauthorizedError() throws Exception {
    fake(5000);
    RecordingSttListener l = new RecordingSttListener();
    SpeechToText.Session s =
        stt("wrong-key", Duration.ofSeconds(4))
            .open(SpeechToText.CallInfo.of("call-6", "en-US"), l);
    s.sendAudio(frame(0), 0, 160, 0);
    assertThat(l.await(1)).containsExactly("error UNAUTHORIZED");
    assertThat(l.errors().get(0))
        .hasMessageContaining("401")
        .hasMessageContaining("Invalid credentials.");
    assertThat(bed.server().upgradesRefused()).isEqualTo(1);
    s.close();
  }

  @Test
  void droppedConnectionDeliversSettledWordsThenOneError() throws Exception {
    fake(5000);
    RecordingSttListener l = new RecordingSttListener();
    SpeechToText.Session s =
        stt(FakeDeepgramListen.KEY, Duration.ofSeconds(4))
            .open(SpeechToText.CallInfo.of("call-7", "en-US"), l);
    for (int i = 0; i < 50; i++) {
      s.sendAudio(frame(i), 0, 160, i * 160L);
    }
    Conn c = bed.server().awaitConnection(0, 5000);
    assertThat(FakeProviderServer.await(() -> c.binaryBytes() == 8000, 5000)).isTrue();
    c.sendText(FakeDeepgramListen.results("my number is", 0.0, 0.8, true, false, false));
    c.sendText(FakeDeepgramListen.results("five five", 0.8, 0.2, false, false, false));
    l.await(2);
    c.drop();
    List<String> events = l.await(4);
    assertThat(events)
        .containsExactly(
            "0 interim 0..800 'my number is'",
            "0 interim 0..1000 'my number is five five'",
            "0 final 0..800 'my number is'",
            "error DROPPED");
    // The call goes on: later audio is dropped quietly, closing is safe, nothing more arrives.
    s.sendAudio(frame(0), 0, 160, 8000);
    s.close();
    Thread.sleep(100);
    assertThat(l.events()).hasSize(4);
  }

  @Test
  void errorMessageFromTheProviderIsReportedOnce() throws Exception {
    fake(5000);
    RecordingSttListener l = new RecordingSttListener();
    SpeechToText.Session s =
        stt(FakeDeepgramListen.KEY, Duration.ofSeconds(4))
            .open(SpeechToText.CallInfo.of("call-8", "en-US"), l);
    s.sendAudio(frame(0), 0, 160, 0);
    Conn c = bed.server().awaitConnection(0, 5000);
    c.sendText(
        "{\"type\":\"Error\",\"description\":\"Failed to decode audio\","
            + "\"message\":\"DATA-0000\",\"variant\":\"data\"}");
    c.close(1008, "DATA-0000");
    assertThat(l.await(1)).containsExactly("error PROVIDER_ERROR");
    assertThat(l.errors().get(0)).hasMessageContaining("Failed to decode audio");
    assertThat(c.closed()).succeedsWithin(Duration.ofSeconds(5));
    Thread.sleep(100);
    assertThat(l.events()).hasSize(1);
    assertThat(l.errors().get(0)).isInstanceOf(SpeechProviderException.class);
    s.close();
  }

  @Test
  void closingWhileConnectingIsQuiet() throws Exception {
    fake(5000);
    RecordingSttListener l = new RecordingSttListener();
    SpeechToText.Session s =
        stt(FakeDeepgramListen.KEY, Duration.ofSeconds(4))
            .open(SpeechToText.CallInfo.of("call-9", "en-US"), l);
    s.sendAudio(frame(0), 0, 160, 0);
    s.close();
    Thread.sleep(300);
    assertThat(l.events()).isEmpty();
  }

  @Test
  void anUnreachableProviderIsAConnectError() throws Exception {
    fake(5000);
    int port = bed.server().port();
    bed.server().close(); // closed again after the test: closing is idempotent
    DeepgramConfig c =
        DeepgramConfig.of(FakeDeepgramListen.KEY)
            .withBaseUrl(java.net.URI.create("ws://127.0.0.1:" + port));
    RecordingSttListener l = new RecordingSttListener();
    SpeechToText.Session s =
        new DeepgramSpeechToText(c, bed.connector(), bed.metrics())
            .open(SpeechToText.CallInfo.of("call-10", "en-US"), l);
    s.sendAudio(frame(0), 0, 160, 0);
    assertThat(l.await(1)).containsExactly("error CONNECT_FAILED");
    s.close();
  }

  @Test
  void aMessageThatIsNotJsonIsAProtocolError() throws Exception {
    fake(5000);
    RecordingSttListener l = new RecordingSttListener();
    SpeechToText.Session s =
        stt(FakeDeepgramListen.KEY, Duration.ofSeconds(4))
            .open(SpeechToText.CallInfo.of("call-11", "en-US"), l);
    s.sendAudio(frame(0), 0, 160, 0);
    Conn c = bed.server().awaitConnection(0, 5000);
    c.sendText("{\"type\":\"Results\",");
    assertThat(l.await(1)).containsExactly("error PROTOCOL");
    assertThat(c.closed()).succeedsWithin(Duration.ofSeconds(5));
    assertThat(c.closeCodeReceived()).isEqualTo(1000);
    s.close();
  }
}
