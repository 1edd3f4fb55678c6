package dev.parley.emulator.call;

/** SIMULATION ONLY: a call resource's {@code status}, with Twilio's wire spelling. */
public enum CallStatus {
  QUEUED("queued"),
  RINGING("ringing"),
  IN_PROGRESS("in-progress"),
  COMPLETED("completed"),
  BUSY("busy"),
  FAILED("failed"),
  NO_ANSWER("no-answer"),
  CANCELED("canceled");

  private final String wire;

  CallStatus(String wire) {
    this.wire = wire;
  }

  /** Twilio's spelling, e.g. {@code in-progress}. */
  public String wire() {
    return wire;
  }

  /** Whether the call is over. */
  public boolean isTerminal() {
    return ordinal() >= COMPLETED.ordinal();
  }
}
