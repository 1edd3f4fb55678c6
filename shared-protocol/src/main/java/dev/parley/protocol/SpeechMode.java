package dev.parley.protocol;

/**
 * How the media node produces the agent's voice: an STT → agent → TTS pipeline driven by the
 * control plane, or a speech-to-speech model that hears and speaks itself; a u8 on the wire.
 */
public enum SpeechMode {
  PIPELINE(1),
  SPEECH_TO_SPEECH(2);

  private final int code;

  SpeechMode(int code) {
    this.code = code;
  }

  /** The u8 code on the wire. */
  public int code() {
    return code;
  }

  /** The mode for a wire code, or {@code null}. */
  public static SpeechMode fromCode(int code) {
    switch (code) {
      case 1:
        return PIPELINE;
      case 2:
        return SPEECH_TO_SPEECH;
      default:
        return null;
    }
  }
}
