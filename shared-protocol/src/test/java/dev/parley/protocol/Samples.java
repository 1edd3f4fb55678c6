package dev.parley.protocol;

import java.util.List;
import java.util.UUID;

/** One representative message per type, shared by the codec tests. */
final class Samples {
  static final UUID CALL = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");

  static final String TEXT_100 =
      "Hello, this is Parley calling for Ms. Novak about her car service appointment on Tuesday.."
          + "0123456789";

  private Samples() {}

  static List<ProtocolMessage> all() {
    return List.of(
        new Hello("node-1", 1, 1, 200, "wss://media1.example:8443"),
        new HelloAck(1, 5000),
        new Heartbeat(12, 350),
        new ErrorMessage(ProtocolMessage.NO_CALL, ErrorCode.FRAME_TOO_LARGE, "too big"),
        new SessionStart(
            CALL,
            CallDirection.OUTBOUND,
            "tenant-7",
            "+442071838750",
            "+14155550100",
            "en-GB",
            "aura-asteria-en",
            "deepgram",
            "elevenlabs",
            SpeechMode.PIPELINE,
            "tok",
            "Hi, it's Parley.",
            "",
            new VadTuning(3, 25, 9.5f, 12.0f, 400, true)),
        new SessionReady(CALL, 180),
        new SessionEnd(CALL, SessionEndReason.REMOTE_HANGUP, "caller hung up"),
        new CallStats(CALL, 1500, 1400, 240000, 224000, 2, 1, 0, 812345, 21000),
        new Transcript(
            CALL,
            3,
            Transcript.Speaker.CALLEE,
            true,
            1200,
            2650,
            0.93f,
            "I'd like Tuesday at ten, please"),
        new SpeechStarted(CALL, 1180),
        new SpeechStopped(CALL, 2700),
        new BargeIn(CALL, 4, 860, 5120),
        new DtmfReceived(CALL, '#'),
        new UtterancePlayed(CALL, 4, 860, false),
        new Speak(CALL, 5, 0, true, true, "Tuesday at ten works. Shall I book it?"),
        new Clear(CALL),
        new SendDtmf(CALL, "1w23#"),
        new Hangup(CALL, "goal achieved \u2014 booked"),
        new ToolCall(CALL, "call_1", "book_slot", "{\"day\":\"tue\",\"time\":\"10:00\"}"),
        new ToolResult(CALL, "call_1", "{\"ok\":true}"));
  }
}
