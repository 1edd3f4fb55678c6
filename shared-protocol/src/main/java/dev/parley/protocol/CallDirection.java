package dev.parley.protocol;

/** Whether the callee dialled us (inbound) or we dialled them (outbound); a u8 on the wire. */
public enum CallDirection {
  INBOUND(1),
  OUTBOUND(2);

  private final int code;

  CallDirection(int code) {
    this.code = code;
  }

  /** The u8 code on the wire. */
  public int code() {
    return code;
  }

  /** The direction for a wire code, or {@code null}. */
  public static CallDirection fromCode(int code) {
    switch (code) {
      case 1:
        return INBOUND;
      case 2:
        return OUTBOUND;
      default:
        return null;
    }
  }
}
