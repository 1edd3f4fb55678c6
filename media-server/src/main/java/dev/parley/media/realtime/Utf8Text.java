package dev.parley.media.realtime;

import java.nio.charset.StandardCharsets;

/** UTF-8 lengths and cuts for provider text going into protocol fields with byte limits. */
final class Utf8Text {

  private Utf8Text() {}

  static int length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** {@code s} cut to at most {@code maxBytes} of UTF-8 at a character boundary. */
  static String fit(String s, int maxBytes) {
    if (s.length() * 3 <= maxBytes || length(s) <= maxBytes) {
      return s;
    }
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + n > maxBytes) {
        break;
      }
      bytes += n;
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }
}
