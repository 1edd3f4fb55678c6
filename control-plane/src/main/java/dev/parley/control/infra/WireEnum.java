package dev.parley.control.infra;

/** An enum whose value on the wire and in the database is a lower-case token. */
public interface WireEnum {
  /** The token stored in the database and written in JSON, e.g. {@code ready_to_call}. */
  String wire();

  /** Finds the constant for a token; unknown tokens are an {@link IllegalArgumentException}. */
  static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, String token) {
    for (E constant : type.getEnumConstants()) {
      if (constant.wire().equals(token)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "unknown " + type.getSimpleName() + " '" + token + "'; expected one of " + tokens(type));
  }

  /** The allowed tokens, for error messages. */
  static <E extends Enum<E> & WireEnum> String tokens(Class<E> type) {
    StringBuilder sb = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append(constant.wire());
    }
    return sb.toString();
  }
}
