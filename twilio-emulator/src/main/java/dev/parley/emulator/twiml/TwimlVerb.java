package dev.parley.emulator.twiml;

import java.util.Map;

/** SIMULATION ONLY: the TwiML verbs the emulator executes. */
public sealed interface TwimlVerb {

  /** {@code <Say>}: the callee hears {@code text} spoken by "Twilio". */
  record Say(String text) implements TwimlVerb {}

  /** {@code <Pause length="n">}: silence for {@code seconds}. */
  record Pause(int seconds) implements TwimlVerb {}

  /** {@code <Hangup/>}: end the call. */
  record Hangup() implements TwimlVerb {}

  /**
   * {@code <Reject reason="rejected|busy"/>}: as the first verb of an incoming call's answer, the
   * call is never picked up and ends {@code busy} (reason {@code busy}) or {@code no-answer}
   * (reason {@code rejected}, the default); anywhere else it hangs up.
   */
  record Reject(boolean busy) implements TwimlVerb {}

  /**
   * {@code <Connect><Stream url=".."><Parameter name value/></Stream></Connect>}: a bidirectional
   * Media Stream; the call stays here until the stream's WebSocket closes.
   */
  record ConnectStream(String url, Map<String, String> parameters) implements TwimlVerb {}

  /** A verb the emulator does not implement; skipped, and noted in the call's recording. */
  record Unsupported(String name) implements TwimlVerb {}
}
