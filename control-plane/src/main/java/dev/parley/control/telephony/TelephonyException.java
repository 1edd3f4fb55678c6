package dev.parley.control.telephony;

/** A provider refused or failed a request; {@link #kind()} says whether retrying can help. */
public final class TelephonyException extends Exception {
  /** Why the request failed, as far as retrying is concerned. */
  public enum Kind {
    /** The number is invalid or unreachable: never retry it. */
    WRONG_NUMBER,
    /** The provider refused for a reason a later attempt may not have (rate, outage). */
    TRANSIENT,
    /** Credentials, account or configuration: retrying will not help until someone fixes it. */
    CONFIGURATION
  }

  private final Kind kind;
  private final int providerCode;

  public TelephonyException(Kind kind, int providerCode, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.providerCode = providerCode;
  }

  /** Whether retrying can help. */
  public Kind kind() {
    return kind;
  }

  /** The provider's error code, or 0 when it gave none. */
  public int providerCode() {
    return providerCode;
  }
}
