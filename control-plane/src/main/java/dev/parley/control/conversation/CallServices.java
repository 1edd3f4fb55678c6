package dev.parley.control.conversation;

import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.llm.LlmBrains;
import dev.parley.control.session.Speaker;
import dev.parley.control.task.CallTask;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEnd;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What one live call ({@link LiveConversation}, {@link SpeechToSpeechCall}) needs from the control
 * plane: the media node, the records, the owner's approvals, timers. {@link Conversations} in
 * production; tests drive a call against a recording stand-in.
 */
interface CallServices {

  /** The agent's brains; a call's {@link CallBrains} reports to its own ledger through them. */
  LlmBrains brains();

  /** Whether the brains are the offline rule-based ones (whole turns, no streaming). */
  boolean offlineBrains();

  ConversationConfig config();

  ScheduledExecutorService scheduler();

  Clock clock();

  List<ConversationObserver> observers();

  /** Sends a command to the media node holding the call (dropped, logged, when none does). */
  void send(UUID sessionId, ProtocolMessage message);

  /** Records an event for a call by its ids (best effort; the brains report from any thread). */
  void recordEvent(
      UUID organizationId, UUID taskId, UUID sessionId, String type, Map<String, ?> detail);

  /** Stores why our side ended the call, before the node is told. */
  void recordHangUpReason(UUID sessionId, String reason);

  /** Appends one settled transcript segment to the call's record. */
  void appendSegment(
      UUID sessionId,
      Speaker speaker,
      int startMs,
      int endMs,
      String text,
      boolean interrupted,
      Integer heardMs,
      Map<String, ?> meta);

  /** Mirrors the dialogue into the session cache (best effort). */
  void saveLiveState(UUID sessionId, ConversationState state);

  /** Asks the owner to approve {@code amount}; the approval's id. */
  UUID requestApproval(CallTask task, UUID sessionId, BigDecimal amount, String reason);

  /** The owner's decision, or null while it is pending. */
  Boolean approvalDecision(UUID approvalId);

  /** Records a still pending approval as declined for want of an answer. */
  void expireApproval(UUID organizationId, UUID taskId, UUID sessionId, UUID approvalId);

  /** Puts the call's number on the do-not-call list. */
  void optOut(UUID sessionId, String reason);

  /** Called on the call's executor once its session has ended: the write-up follows. */
  void finished(LiveConversation call, SessionEnd end);

  /** Called on the speech-to-speech call's executor once its session has ended. */
  void finished(SpeechToSpeechCall call, SessionEnd end);
}
