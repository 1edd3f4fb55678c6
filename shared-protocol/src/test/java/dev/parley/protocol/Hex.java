package dev.parley.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads hex fixtures: '#' starts a comment to the end of the line, whitespace is ignored. */
final class Hex {
  private Hex() {}

  static byte[] parse(String text) {
    StringBuilder digits = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      int hash = line.indexOf('#');
      String data = hash >= 0 ? line.substring(0, hash) : line;
      digits.append(data.replaceAll("\\s+", ""));
    }
    return HexFormat.of().parseHex(digits);
  }

  static byte[] vector(String name) {
    String path = "/vectors/" + name + ".hex";
    try (InputStream in = Hex.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing vector " + path);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
