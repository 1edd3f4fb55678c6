package dev.parley.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * SESSION_START: the control plane hands a node everything it needs to serve one call before
 * Twilio's media stream arrives, so that the greeting can be synthesised in advance.
 *
 * @param callId the call
 * @param direction inbound or outbound
 * @param tenantId the tenant the call belongs to
 * @param remoteNumber the other party's number in E.164, or empty if withheld
 * @param localNumber our number in E.164
 * @param language the BCP 47 language tag for STT and TTS
 * @param voice the TTS voice name
 * @param sttProvider the STT provider name
 * @param ttsProvider the TTS provider name
 * @param speechMode pipeline or speech-to-speech
 * @param streamToken the secret that authenticates the Twilio media stream for this call
 * @param greeting the first words, spoken as soon as the stream starts (may be empty)
 * @param instructions the speech-to-speech model's instructions (empty in pipeline mode)
 * @param tuning VAD, echo and barge-in tuning
 */
public record SessionStart(
    UUID callId,
    CallDirection direction,
    String tenantId,
    String remoteNumber,
    String localNumber,
    String language,
    String voice,
    String sttProvider,
    String ttsProvider,
    SpeechMode speechMode,
    String streamToken,
    String greeting,
    String instructions,
    VadTuning tuning)
    implements ProtocolMessage {

  /** Validates the fields. */
  public SessionStart {
    Checks.callId(callId);
    Objects.requireNonNull(direction, "direction");
    Checks.text(tenantId, "tenantId");
    Checks.e164(remoteNumber, "remote number");
    Checks.e164(localNumber, "local number");
    Checks.text(language, "language");
    Checks.text(voice, "voice");
    Checks.text(sttProvider, "sttProvider");
    Checks.text(ttsProvider, "ttsProvider");
    Objects.requireNonNull(speechMode, "speechMode");
    Checks.text(streamToken, "streamToken");
    Checks.text(greeting, "greeting");
    Checks.text(instructions, "instructions");
    Objects.requireNonNull(tuning, "tuning");
  }

  @Override
  public MessageType type() {
    return MessageType.SESSION_START;
  }
}
