package dev.parley.control.task;

import dev.parley.control.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Position after the last task of a page (keyset paging on {@code created_at DESC, id DESC}), sent
 * to clients as an opaque base64url string.
 */
public record TaskCursor(Instant createdAt, UUID id) {
  public String encode() {
    String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a cursor; anything malformed is a 422 naming the {@code cursor} parameter. */
  public static TaskCursor decode(String cursor) {
    try {
      if (cursor.length() > 200) {
        throw new IllegalArgumentException("too long");
      }
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\.", 3);
      return new TaskCursor(
          Instant.ofEpochSecond(Long.parseLong(parts[0]), Integer.parseInt(parts[1])),
          UUID.fromString(parts[2]));
    } catch (RuntimeException e) {
      throw ProblemException.invalidField("cursor", "is not a cursor returned by this API");
    }
  }
}
