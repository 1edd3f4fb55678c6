package dev.parley.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * Field rules shared by the message records' constructors. They throw {@link
 * IllegalArgumentException}; the reader turns that into {@link ErrorCode#INVALID_FIELD}.
 */
final class Checks {
  private Checks() {}

  static UUID callId(UUID callId) {
    Objects.requireNonNull(callId, "callId");
    if (callId.getMostSignificantBits() == 0 && callId.getLeastSignificantBits() == 0) {
      throw new IllegalArgumentException("call id is all-zero");
    }
    return callId;
  }

  static String text(String value, String field) {
    return Objects.requireNonNull(value, field);
  }

  /** u32 fields are Java ints: the wire's top bit must be clear. */
  static void nonNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " is negative: " + value);
    }
  }

  static void range(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " is " + value + ", not in [" + min + ", " + max + "]");
    }
  }

  static void finite(float value, String field) {
    if (!Float.isFinite(value)) {
      throw new IllegalArgumentException(field + " is not finite: " + value);
    }
  }

  /** E.164: '+', a non-zero digit, then at most 14 more digits; empty means unknown (withheld). */
  static String e164(String number, String field) {
    Objects.requireNonNull(number, field);
    int n = number.length();
    if (n == 0) {
      return number;
    }
    boolean ok = n >= 3 && n <= 16 && number.charAt(0) == '+' && number.charAt(1) != '0';
    for (int i = 1; ok && i < n; i++) {
      char c = number.charAt(i);
      ok = c >= '0' && c <= '9';
    }
    if (!ok) {
      throw new IllegalArgumentException(field + " is not E.164: '" + number + "'");
    }
    return number;
  }

  static boolean isDtmfDigit(char c) {
    return (c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D');
  }

  /** DTMF digits to send: 0-9 * # A-D, and 'w' for a half-second pause (Twilio's sendDigits). */
  static String dtmfDigits(String digits) {
    Objects.requireNonNull(digits, "digits");
    if (digits.isEmpty()) {
      throw new IllegalArgumentException("digits are empty");
    }
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (!isDtmfDigit(c) && c != 'w') {
        throw new IllegalArgumentException("digits hold '" + c + "' at " + i + ", not 0-9*#A-Dw");
      }
    }
    return digits;
  }
}
