package dev.parley.control.medialink;

import dev.parley.protocol.ProtocolMessage;

/**
 * Receives every call-level message a media node sends (TRANSCRIPT, SPEECH_STARTED/STOPPED,
 * BARGE_IN, UTTERANCE_PLAYED, DTMF_RECEIVED, TOOL_CALL, SESSION_READY, SESSION_END, CALL_STATS,
 * call-level ERROR). The dialog agent implements it; several listeners may be registered. Called on
 * the link's event loop: implementations must not block (hand work to an executor).
 */
public interface MediaEventListener {
  /** One message from node {@code nodeId}; {@code message.callId()} is the session id. */
  void onMediaEvent(String nodeId, ProtocolMessage message);
}
