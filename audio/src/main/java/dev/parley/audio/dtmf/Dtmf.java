package dev.parley.audio.dtmf;

/** The DTMF keypad: row and column frequencies (ITU-T Q.23) and the key at each crossing. */
public final class Dtmf {

  /** Low-group (row) frequencies in Hz. */
  static final double[] ROWS = {697, 770, 852, 941};

  /** High-group (column) frequencies in Hz. */
  static final double[] COLUMNS = {1209, 1336, 1477, 1633};

  /** Keys by {@code row * 4 + column}. */
  static final String KEYS = "123A456B789C*0#D";

  private Dtmf() {}

  /** Whether {@code c} is one of 0-9, *, #, A-D (lower-case a-d accepted). */
  public static boolean isDigit(char c) {
    return keyIndex(c) >= 0;
  }

  /** Index of {@code c} in {@link #KEYS}, or -1. */
  static int keyIndex(char c) {
    return KEYS.indexOf(Character.toUpperCase(c));
  }
}
