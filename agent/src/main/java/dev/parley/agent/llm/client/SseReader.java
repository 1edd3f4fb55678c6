package dev.parley.agent.llm.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events (WHATWG HTML "event stream" format) from a byte stream: lines end in LF,
 * CR LF or CR; {@code field: value} lines build an event; a blank line dispatches it; lines
 * starting with a colon are comments (keep-alives). Only {@code event} and {@code data} matter to
 * the model APIs; {@code id} and {@code retry} are skipped. Not thread-safe: one reader per
 * response.
 *
 * <p>Allocates one line buffer per reader and one string per line.
 */
public final class SseReader {

  private final InputStream in;
  private final int maxEventBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private boolean pendingCr;

  /**
   * @param in the response body; the reader does not close it
   * @param maxEventBytes the longest event accepted
   */
  public SseReader(InputStream in, int maxEventBytes) {
    this.in = new BufferedInputStream(in, 8192);
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * The next event, or null at the end of the stream. Events without data are skipped, as the
   * format says.
   *
   * @throws LlmException PROTOCOL when an event is longer than the limit
   * @throws IOException when reading fails (a dropped connection)
   */
  public SseEvent next() throws IOException, LlmException {
    String event = null;
    StringBuilder data = null;
    int size = 0;
    while (true) {
      String l = readLine();
      if (l == null) {
        // End of stream: an event not terminated by a blank line is discarded (the format's rule).
        return null;
      }
      if (l.isEmpty()) {
        if (data != null) {
          return new SseEvent(event == null ? "message" : event, data.toString());
        }
        event = null;
        continue;
      }
      size += l.length();
      if (size > maxEventBytes) {
        throw LlmException.of(
            LlmException.Kind.PROTOCOL,
            "server-sent event is longer than " + maxEventBytes + " bytes",
            null);
      }
      if (l.charAt(0) == ':') {
        continue;
      }
      int colon = l.indexOf(':');
      String field = colon < 0 ? l : l.substring(0, colon);
      String value = colon < 0 ? "" : l.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("data")) {
        if (data == null) {
          data = new StringBuilder(value.length());
        } else {
          data.append('\n');
        }
        data.append(value);
      } else if (field.equals("event")) {
        event = value;
      }
    }
  }

  private String readLine() throws IOException, LlmException {
    line.reset();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? null : decode();
      }
      if (pendingCr) {
        pendingCr = false;
        if (b == '\n') {
          continue;
        }
      }
      if (b == '\n') {
        return decode();
      }
      if (b == '\r') {
        pendingCr = true;
        return decode();
      }
      if (line.size() >= maxEventBytes) {
        throw LlmException.of(
            LlmException.Kind.PROTOCOL,
            "server-sent event line is longer than " + maxEventBytes + " bytes",
            null);
      }
      line.write(b);
    }
  }

  private String decode() {
    return line.toString(StandardCharsets.UTF_8);
  }
}
