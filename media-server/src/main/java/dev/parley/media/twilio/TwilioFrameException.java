package dev.parley.media.twilio;

/**
 * The one error a Twilio frame reader raises: a short, specific reason and whether the stream can
 * go on after the offending frame is dropped.
 */
public final class TwilioFrameException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What kind of violation, used as the metrics label. */
  public enum Kind {
    BAD_JSON,
    BAD_PAYLOAD,
    OVERSIZED,
    MEDIA_BEFORE_START,
    UNKNOWN_EVENT,
    BAD_MEDIA_FORMAT,
    BAD_START
  }

  private final Kind kind;
  private final boolean fatal;

  public TwilioFrameException(Kind kind, boolean fatal, String reason) {
    super(reason, null, false, false);
    this.kind = kind;
    this.fatal = fatal;
  }

  public Kind kind() {
    return kind;
  }

  /** True when the stream cannot safely continue and must be closed. */
  public boolean fatal() {
    return fatal;
  }
}
