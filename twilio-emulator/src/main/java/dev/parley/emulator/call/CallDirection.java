package dev.parley.emulator.call;

/** SIMULATION ONLY: a call's {@code direction}, with Twilio's wire spelling. */
public enum CallDirection {
  /** Placed through the REST API ({@code Calls.json}): Parley dials out. */
  OUTBOUND_API("outbound-api"),
  /** A caller dialled one of the account's incoming numbers: Parley answers. */
  INBOUND("inbound");

  private final String wire;

  CallDirection(String wire) {
    this.wire = wire;
  }

  /** Twilio's spelling, e.g. {@code outbound-api}. */
  public String wire() {
    return wire;
  }
}
