package dev.parley.emulator.twiml;

/** SIMULATION ONLY: a TwiML document the emulator cannot run (Twilio's error 12100 family). */
public final class TwimlException extends Exception {

  public TwimlException(String reason) {
    super(reason);
  }

  public TwimlException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
