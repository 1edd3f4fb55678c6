package dev.parley.media.twilio;

import java.util.List;
import java.util.Map;

/**
 * The control events Twilio sends besides media and marks, as parsed by {@link TwilioEventParser}.
 */
public final class TwilioEvents {

  private TwilioEvents() {}

  /** {@code start}: stream metadata, the custom parameters from TwiML and the media format. */
  public record Start(
      String streamSid,
      String accountSid,
      String callSid,
      List<String> tracks,
      Map<String, String> customParameters,
      String encoding,
      int sampleRate,
      int channels) {}

  /** {@code dtmf}: one digit pressed by the callee. */
  public record Dtmf(String track, String digit) {}

  /** {@code stop}: the stream ended (call hung up or stream stopped). */
  public record Stop(String accountSid, String callSid) {}
}
