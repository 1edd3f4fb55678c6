package dev.parley.media.twilio;

import java.nio.charset.StandardCharsets;

/**
 * The Twilio Media Streams wire format, in one place. All frames are JSON text WebSocket frames.
 *
 * <pre>
 * Inbound (Twilio → us); numeric fields arrive as JSON strings:
 *   {"event":"connected","protocol":"Call","version":"1.0.0"}
 *   {"event":"start","sequenceNumber":"1","start":{"streamSid":"MZ..","accountSid":"AC..",
 *     "callSid":"CA..","tracks":["inbound"],"customParameters":{"token":".."},
 *     "mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}},"streamSid":"MZ.."}
 *   {"event":"media","sequenceNumber":"3","media":{"track":"inbound","chunk":"1",
 *     "timestamp":"5","payload":"&lt;216 base64 chars = 160 bytes μ-law&gt;"},"streamSid":"MZ.."}
 *   {"event":"mark","sequenceNumber":"4","streamSid":"MZ..","mark":{"name":"17"}}
 *   {"event":"dtmf","streamSid":"MZ..","sequenceNumber":"5","dtmf":{"track":"inbound_track","digit":"1"}}
 *   {"event":"stop","sequenceNumber":"6","streamSid":"MZ..","stop":{"accountSid":"AC..","callSid":"CA.."}}
 *
 * Outbound (us → Twilio):
 *   {"event":"media","streamSid":"MZ..","media":{"payload":"&lt;base64&gt;"}}
 *   {"event":"mark","streamSid":"MZ..","mark":{"name":"17"}}
 *   {"event":"clear","streamSid":"MZ.."}
 * </pre>
 *
 * <p>Our mark names are the decimal sequence number of the mark on its stream, so an echo is
 * matched without allocating a string.
 */
public final class TwilioFrameLayout {

  private TwilioFrameLayout() {}

  /** μ-law bytes per 20 ms frame at 8 kHz. */
  public static final int FRAME_BYTES = 160;

  /** Milliseconds per frame. */
  public static final int FRAME_MS = 20;

  /** The only media format a stream may carry. */
  public static final String ENCODING = "audio/x-mulaw";

  public static final int SAMPLE_RATE = 8000;
  public static final int CHANNELS = 1;

  static final byte[] KEY_EVENT = ascii("\"event\"");
  static final byte[] KEY_TRACK = ascii("\"track\"");
  static final byte[] KEY_TIMESTAMP = ascii("\"timestamp\"");
  static final byte[] KEY_CHUNK = ascii("\"chunk\"");
  static final byte[] KEY_PAYLOAD = ascii("\"payload\"");
  static final byte[] KEY_NAME = ascii("\"name\"");

  static final byte[] EVENT_MEDIA = ascii("media");
  static final byte[] EVENT_MARK = ascii("mark");
  static final byte[] EVENT_START = ascii("start");
  static final byte[] EVENT_STOP = ascii("stop");
  static final byte[] EVENT_DTMF = ascii("dtmf");
  static final byte[] EVENT_CONNECTED = ascii("connected");

  /*
   * A media frame exactly as Twilio writes it, read by fixed pieces (TwilioFrameScanner's fast
   * path); any other spelling of the same JSON goes through the general key scan.
   *
   *   {"event":"media","sequenceNumber":"<digits>","media":{"track":"inbound","chunk":"<digits>",
   *   |<------------------ MEDIA_HEAD ---------->|         |<- MEDIA_TRACK ->|<- TRACK_IN.. ->|
   *    "timestamp":"<digits>","payload":"<base64>"},"streamSid":"MZ<32 hex>"}
   *   |<- STAMP ->|          |<- PAYLOAD ->|        |<- MEDIA_TAIL ->|<- 34 ->|'}' last
   *                                                 ^ len - MEDIA_TAIL_FROM_END
   */
  static final byte[] MEDIA_HEAD = ascii("{\"event\":\"media\",\"sequenceNumber\":\"");
  static final byte[] MEDIA_TRACK = ascii("\",\"media\":{\"track\":\"");
  static final byte[] MEDIA_INBOUND_CHUNK = ascii("inbound\",\"chunk\":\"");
  static final byte[] MEDIA_OUTBOUND_CHUNK = ascii("outbound\",\"chunk\":\"");
  static final byte[] MEDIA_TIMESTAMP = ascii("\",\"timestamp\":\"");
  static final byte[] MEDIA_PAYLOAD = ascii("\",\"payload\":\"");
  static final byte[] MEDIA_TAIL = ascii("\"},\"streamSid\":\"");

  /** Twilio's stream SIDs are "MZ" and 32 hex digits. */
  static final int STREAM_SID_LENGTH = 34;

  /** MEDIA_TAIL's distance from the end of a Twilio media frame: tail, SID, {@code "}}. */
  static final int MEDIA_TAIL_FROM_END = MEDIA_TAIL.length + STREAM_SID_LENGTH + 2;

  static final byte[] TRACK_INBOUND = ascii("inbound");
  static final byte[] TRACK_OUTBOUND = ascii("outbound");

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
