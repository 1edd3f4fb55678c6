package dev.parley.control.telephony;

/**
 * The TwiML documents this service answers Twilio with. Attribute values are XML-escaped; nothing
 * else is interpolated.
 */
public final class Twiml {
  private Twiml() {}

  /** The stream parameters a media node reads from Twilio's {@code start} message. */
  public record StreamParameters(
      String callId, String token, String direction, String from, String to) {}

  /**
   * {@code <Connect><Stream url="{base}/streams/{callId}">} with the token and call facts as {@code
   * <Parameter>}s. Connect (not Start) makes the stream bidirectional and keeps the call up for as
   * long as the stream lives.
   */
  public static String connectStream(String streamBaseUrl, StreamParameters p) {
    String base =
        streamBaseUrl.endsWith("/")
            ? streamBaseUrl.substring(0, streamBaseUrl.length() - 1)
            : streamBaseUrl;
    StringBuilder sb = new StringBuilder(512);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect><Stream url=\"")
        .append(escape(base + "/streams/" + p.callId()))
        .append("\">");
    param(sb, "token", p.token());
    param(sb, "callId", p.callId());
    param(sb, "direction", p.direction());
    param(sb, "from", p.from());
    param(sb, "to", p.to());
    return sb.append("</Stream></Connect></Response>").toString();
  }

  /** A short apology and a hang-up, for calls no media node can take. */
  public static String unavailable() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Sorry, we cannot take this call right now."
        + " Please try again later.</Say><Hangup/></Response>";
  }

  /** Ends the call at once. */
  public static String hangUp() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>";
  }

  private static void param(StringBuilder sb, String name, String value) {
    sb.append("<Parameter name=\"")
        .append(name)
        .append("\" value=\"")
        .append(escape(value == null ? "" : value))
        .append("\"/>");
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
