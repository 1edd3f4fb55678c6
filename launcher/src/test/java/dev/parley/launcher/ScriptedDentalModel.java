package dev.parley.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.media.realtime.FakeRealtimeServer;
import dev.parley.media.realtime.RealtimeConfig;
import dev.parley.media.speech.SpeechToText;
import dev.parley.media.testing.TestSpeech;
import dev.parley.simulation.persona.PersonaCatalog;
import dev.parley.simulation.recognizer.ScriptedRecognizer;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIMULATION ONLY: a scripted speech-to-speech model behind the fake OpenAI Realtime server, for
 * calls to the Bright Smile Dental personas, one at a time. It hears the persona through the μ-law
 * the media node appends (the scripted recogniser finds each line's start and end in that audio, so
 * server VAD's speech events and the input transcripts follow the real audio) and replies by turn
 * with synthesised speech. {@link Script#BOOKING}: it greets, asks for the earliest cleaning,
 * records the price with {@code record_fact}, asks to book once the tool's output is in, records
 * the confirmation code, says goodbye and calls {@code hang_up}. {@link Script#OVER_LIMIT}: at the
 * $240 quote it asks the callee to hold and calls {@code request_approval}; it asks to book once
 * the tool's output (the owner's decision) is in and the callee has answered the hold request.
 */
final class ScriptedDentalModel implements AutoCloseable {

  /** Which persona the next call reaches, and so how the model plays it. */
  enum Script {
    BOOKING(PersonaCatalog.DENTAL),
    OVER_LIMIT(PersonaCatalog.DENTAL_OVER_LIMIT);

    final String number;

    Script(String number) {
      this.number = number;
    }
  }

  static final String GREETING = "Hello, this is Parley, an AI assistant.";
  static final String ASK = "I'm calling for Ana to book the earliest cleaning you have, please.";
  static final String BOOK = "Thursday at 10:30 for 120 dollars is great. Please book it.";
  static final String GOODBYE = "Thank you, Maria. Goodbye!";
  static final String HOLD = "That is above Ana's limit. Let me check with her, please hold.";
  static final String BOOK_APPROVED = "Ana approved it. Please book Thursday at 10:30.";

  private final FakeRealtimeServer server;
  private final ExecutorService turns = Executors.newSingleThreadExecutor();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, byte[]> voice;
  private SpeechToText.Session ear;
  private long samples;
  private int startedSeq = -1;
  private int calleeTurns;
  private volatile Script script = Script.BOOKING;

  // On the turn thread only.
  private int repliedTurns;
  private Runnable afterTool;
  private Runnable deferred;

  ScriptedDentalModel() throws InterruptedException {
    server = new FakeRealtimeServer();
    voice =
        Map.of(
            GREETING, TestSpeech.speech(GREETING),
            ASK, TestSpeech.speech(ASK),
            BOOK, TestSpeech.speech(BOOK),
            GOODBYE, TestSpeech.speech(GOODBYE),
            HOLD, TestSpeech.speech(HOLD),
            BOOK_APPROVED, TestSpeech.speech(BOOK_APPROVED));
    server.onClientEvent(this::clientEvent);
  }

  /** The media node's settings for this server. */
  RealtimeConfig config() {
    return server.config();
  }

  /** Plays {@code next} on the next call. */
  void expect(Script next) {
    script = next;
  }

  /** The fake server, for what the node sent it. */
  FakeRealtimeServer server() {
    return server;
  }

  // ---- what the node sends (on the fake server's event loop) -----------------------------

  private void clientEvent(JsonNode e) {
    switch (e.path("type").asText()) {
      case "session.update" -> openEar();
      case "input_audio_buffer.append" ->
          hear(Base64.getDecoder().decode(e.path("audio").asText()));
      case "response.create" -> {
        boolean greeting = e.at("/response/instructions").asText("").startsWith("Open the call");
        turns.execute(greeting ? () -> say(GREETING) : this::continueAfterTool);
      }
      default -> {}
    }
  }

  private synchronized void openEar() {
    if (ear != null) {
      ear.close();
    }
    samples = 0;
    startedSeq = -1;
    calleeTurns = 0;
    turns.execute(
        () -> {
          repliedTurns = 0;
          afterTool = null;
          deferred = null;
        });
    ear =
        new ScriptedRecognizer(PersonaCatalog.standard())
            .open(
                new SpeechToText.CallInfo("s2s", "en-US", script.number, "", Map.of()),
                this::heardLine);
  }

  private synchronized void hear(byte[] mulaw) {
    if (ear != null) {
      ear.sendAudio(mulaw, 0, mulaw.length, samples);
      samples += mulaw.length;
    }
  }

  /** Server VAD as the persona's lines start and end, then the line's transcript and a reply. */
  private synchronized void heardLine(
      int seq, boolean isFinal, int startMs, int endMs, float confidence, String text) {
    String item = "item_u" + seq;
    if (seq != startedSeq) {
      startedSeq = seq;
      server.speechStarted(item, startMs);
    }
    if (!isFinal) {
      return;
    }
    server.speechStopped(item, endMs);
    if (text.isBlank()) {
      return;
    }
    server.inputTranscript(item, text);
    int turn = calleeTurns++;
    turns.execute(() -> reply(turn));
  }

  // ---- the model's turns (on the turn thread) ----------------------------------------------

  private void reply(int calleeTurn) {
    repliedTurns = calleeTurn + 1;
    if (script == Script.OVER_LIMIT) {
      overLimitReply(calleeTurn);
      return;
    }
    switch (calleeTurn) {
      case 0 -> say(ASK);
      case 1 -> {
        afterTool = () -> say(BOOK);
        callTool("record_fact", "call_price", "{\"key\":\"price\",\"value\":\"120\"}");
      }
      case 2 -> {
        afterTool = this::sayGoodbyeAndHangUp;
        callTool("record_fact", "call_code", "{\"key\":\"confirmation_code\",\"value\":\"B74X9\"}");
      }
      default -> {}
    }
  }

  private void overLimitReply(int calleeTurn) {
    switch (calleeTurn) {
      case 0 -> say(ASK);
      case 1 -> {
        afterTool = () -> say(BOOK_APPROVED);
        int n = ids.incrementAndGet();
        String resp = "resp_" + n;
        server.responseCreated(resp);
        server.outputItemAdded(resp, "item_a" + n, "message", null);
        server.audioDeltas(resp, "item_a" + n, voice.get(HOLD), 800);
        server.audioDone(resp, "item_a" + n);
        server.transcriptDone(resp, "item_a" + n, HOLD);
        server.functionCall(
            resp,
            "item_f" + n,
            "call_approval",
            "request_approval",
            "{\"reason\":\"The cleaning costs 240 dollars, over the 150 limit.\",\"amount\":\"240\"}");
        server.responseDone(resp, "completed");
      }
      case 2 -> {
        // The callee answered the hold request; the booking waits for the owner's decision.
        if (deferred != null) {
          Runnable next = deferred;
          deferred = null;
          next.run();
        }
      }
      case 3 -> {
        afterTool = this::sayGoodbyeAndHangUp;
        callTool("record_fact", "call_code", "{\"key\":\"confirmation_code\",\"value\":\"B74X9\"}");
      }
      default -> {}
    }
  }

  private void continueAfterTool() {
    Runnable next = afterTool;
    afterTool = null;
    if (next == null) {
      return;
    }
    if (script == Script.OVER_LIMIT && repliedTurns < 3) {
      deferred = next; // not over the callee's answer to the hold request
    } else {
      next.run();
    }
  }

  private void say(String line) {
    int n = ids.incrementAndGet();
    server.speak("resp_" + n, "item_a" + n, voice.get(line), line);
  }

  private void callTool(String name, String callId, String args) {
    int n = ids.incrementAndGet();
    server.responseCreated("resp_" + n);
    server.functionCall("resp_" + n, "item_f" + n, callId, name, args);
    server.responseDone("resp_" + n, "completed");
  }

  private void sayGoodbyeAndHangUp() {
    int n = ids.incrementAndGet();
    String resp = "resp_" + n;
    server.responseCreated(resp);
    server.outputItemAdded(resp, "item_a" + n, "message", null);
    server.audioDeltas(resp, "item_a" + n, voice.get(GOODBYE), 800);
    server.audioDone(resp, "item_a" + n);
    server.transcriptDone(resp, "item_a" + n, GOODBYE);
    server.functionCall(
        resp, "item_h" + n, "call_hang_up", "hang_up", "{\"reason\":\"completed\"}");
    server.responseDone(resp, "completed");
  }

  @Override
  public void close() throws InterruptedException {
    turns.shutdownNow();
    turns.awaitTermination(5, TimeUnit.SECONDS);
    if (ear != null) {
      ear.close();
    }
    server.close();
  }
}
