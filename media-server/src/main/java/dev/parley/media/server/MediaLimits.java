package dev.parley.media.server;

/**
 * Every size limit the media server checks on input from Twilio, in one immutable place. Each limit
 * is checked before anything is allocated or copied for the thing it bounds.
 *
 * @param maxFrameBytes largest WebSocket text frame accepted from Twilio (a 20 ms media frame is
 *     about 300 bytes; a {@code start} frame with custom parameters a few hundred more)
 * @param maxMediaPayloadBytes largest decoded μ-law payload in one media frame (Twilio sends 160
 *     bytes, 20 ms; 1600 allows 200 ms chunks)
 * @param maxCustomParameters most {@code start.customParameters} entries accepted
 * @param maxTextChars longest SPEAK text synthesised at once
 */
public record MediaLimits(
    int maxFrameBytes, int maxMediaPayloadBytes, int maxCustomParameters, int maxTextChars) {

  /** Defaults sized for Twilio's documented frames with generous headroom. */
  public static final MediaLimits DEFAULTS = new MediaLimits(16 * 1024, 1600, 32, 4000);

  public MediaLimits {
    if (maxFrameBytes < 512) {
      throw new IllegalArgumentException("maxFrameBytes must be >= 512, got " + maxFrameBytes);
    }
    if (maxMediaPayloadBytes < 160) {
      throw new IllegalArgumentException(
          "maxMediaPayloadBytes must be >= 160, got " + maxMediaPayloadBytes);
    }
    if (maxCustomParameters < 1 || maxTextChars < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
