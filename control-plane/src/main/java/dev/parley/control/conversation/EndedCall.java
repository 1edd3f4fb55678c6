package dev.parley.control.conversation;

import dev.parley.agent.analysis.TranscriptSegment;
import dev.parley.control.conversation.CallContexts.CallContext;
import java.util.List;
import java.util.UUID;

/**
 * A finished call as {@link CallWriteUp} sees it, whoever held the conversation: the control
 * plane's dialog agent ({@link LiveConversation}) or a speech-to-speech model ({@link
 * SpeechToSpeechCall}).
 *
 * @param transcript both sides' stored segments, in the order they settled
 * @param connected whether anyone answered (nothing to write up otherwise)
 * @param hangUpReason why our side ended the call, or null when the other side ended it
 * @param endReason why the call ended, for settling the attempt (the hang-up reason, else {@code
 *     callee_ended})
 */
record EndedCall(
    UUID sessionId,
    UUID taskId,
    UUID organizationId,
    CallContext context,
    CallBrains brains,
    List<TranscriptSegment> transcript,
    boolean connected,
    String hangUpReason,
    String endReason) {}
