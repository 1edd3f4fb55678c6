package dev.parley.media.realtime;

/**
 * The server events of the OpenAI Realtime API (GA interface) that a speech-to-speech call acts on,
 * as read by {@link RealtimeEventReader}. Field names follow the documented JSON; times are the
 * provider's ms of input audio since the session started.
 */
public sealed interface RealtimeServerEvent {

  /** {@code session.created}: the first event on a new socket. */
  record SessionCreated(String sessionId) implements RealtimeServerEvent {}

  /** {@code session.updated}: our {@code session.update} was applied. */
  record SessionUpdated() implements RealtimeServerEvent {}

  /** {@code input_audio_buffer.speech_started}: server VAD heard the callee start. */
  record SpeechStarted(String itemId, int audioStartMs) implements RealtimeServerEvent {}

  /** {@code input_audio_buffer.speech_stopped}: server VAD heard the callee stop. */
  record SpeechStopped(String itemId, int audioEndMs) implements RealtimeServerEvent {}

  /** {@code conversation.item.input_audio_transcription.completed}: the callee's words. */
  record InputTranscript(String itemId, String transcript) implements RealtimeServerEvent {}

  /** {@code response.created}: the model started a response. */
  record ResponseCreated(String responseId) implements RealtimeServerEvent {}

  /**
   * {@code response.output_item.added}: a new output item; for a function call it carries the name
   * (the arguments' done event does not).
   */
  record OutputItemAdded(String responseId, String itemId, String itemType, String name)
      implements RealtimeServerEvent {}

  /** {@code response.output_audio.delta}: μ-law audio (already base64-decoded). */
  record AudioDelta(String responseId, String itemId, int contentIndex, byte[] mulaw)
      implements RealtimeServerEvent {}

  /** {@code response.output_audio.done}: the item's audio is complete. */
  record AudioDone(String responseId, String itemId) implements RealtimeServerEvent {}

  /** {@code response.output_audio_transcript.delta}: more of what the model is saying. */
  record AudioTranscriptDelta(String itemId, String delta) implements RealtimeServerEvent {}

  /** {@code response.output_audio_transcript.done}: the full text of what the model said. */
  record AudioTranscriptDone(String itemId, String transcript) implements RealtimeServerEvent {}

  /** {@code response.function_call_arguments.done}: a function call is ready to run. */
  record FunctionCallDone(String responseId, String itemId, String callId, String arguments)
      implements RealtimeServerEvent {}

  /** {@code response.done}: the response ended with {@code status} (completed, cancelled, …). */
  record ResponseDone(String responseId, String status) implements RealtimeServerEvent {}

  /** {@code error}: a client or server problem; the session usually stays open. */
  record Error(String errorType, String code, String message, String clientEventId)
      implements RealtimeServerEvent {}

  /** {@code rate_limits.updated}: remaining requests and tokens; logged, nothing else. */
  record RateLimits(String summary) implements RealtimeServerEvent {}

  /** Any other documented event a call has no use for (item bookkeeping, content parts, …). */
  record Ignored(String type) implements RealtimeServerEvent {}
}
