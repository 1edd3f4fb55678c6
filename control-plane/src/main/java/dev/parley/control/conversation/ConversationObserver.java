package dev.parley.control.conversation;

import dev.parley.agent.analysis.CallAnalysis;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Watches conversations as they happen (the launcher prints them; tests may record them). Called on
 * conversation threads; implementations must be quick and must not throw.
 */
public interface ConversationObserver {

  /** The agent said (or started to say) {@code text}. */
  default void agentSaid(UUID taskId, UUID sessionId, String text) {}

  /** The other side said {@code text} (a final transcript). */
  default void calleeSaid(UUID taskId, UUID sessionId, String text) {}

  /** The other side cut the agent off; {@code heard} is what they heard of the utterance. */
  default void bargeIn(UUID taskId, UUID sessionId, String heard, int msHeard) {}

  /** The agent pressed {@code digits}. */
  default void digitsSent(UUID taskId, UUID sessionId, String digits) {}

  /** The agent asked the owner to approve {@code amount}. */
  default void approvalRequested(
      UUID taskId, UUID sessionId, UUID approvalId, BigDecimal amount, String reason) {}

  /** The call is over and written up. */
  default void ended(UUID taskId, UUID sessionId, String hangUpReason, CallAnalysis analysis) {}
}
