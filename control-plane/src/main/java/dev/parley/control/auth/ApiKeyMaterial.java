package dev.parley.control.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Key format {@code pk_<12 lookup chars>_<40 secret chars>} (base62). The first 15 characters are
 * the stored, non-secret prefix used to find the row; the whole key is hashed with SHA-256.
 */
final class ApiKeyMaterial {
  static final String SCHEME = "pk_";
  static final int PREFIX_LENGTH = SCHEME.length() + 12;
  private static final int SECRET_LENGTH = 40;
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyMaterial() {}

  static String generate() {
    return SCHEME + random(12) + "_" + random(SECRET_LENGTH);
  }

  /** Whether a presented string has the shape of a key (checked before any database work). */
  static boolean wellFormed(String key) {
    if (key == null
        || key.length() != PREFIX_LENGTH + 1 + SECRET_LENGTH
        || !key.startsWith(SCHEME)
        || key.charAt(PREFIX_LENGTH) != '_') {
      return false;
    }
    for (int i = SCHEME.length(); i < key.length(); i++) {
      char c = key.charAt(i);
      if (i != PREFIX_LENGTH && !Character.isLetterOrDigit(c)) {
        return false;
      }
    }
    return true;
  }

  static String prefixOf(String key) {
    return key.substring(0, PREFIX_LENGTH);
  }

  static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
