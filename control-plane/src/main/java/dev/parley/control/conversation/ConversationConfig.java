package dev.parley.control.conversation;

import java.time.Duration;

/**
 * How the control plane holds calls.
 *
 * @param silenceTimeout quiet on the line (nobody speaking, nothing playing) before the agent is
 *     told about the silence
 * @param approvalTimeout how long the agent waits, with filler, for the owner's in-call decision
 * @param approvalPoll how often a pending decision is looked up
 * @param followUpDelay when a follow-up task the write-up creates is scheduled, after the call
 * @param workers threads serving conversations' turns (each call's turns run one at a time)
 * @param idleExpiry a conversation that never connected is forgotten after this long
 */
public record ConversationConfig(
    Duration silenceTimeout,
    Duration approvalTimeout,
    Duration approvalPoll,
    Duration followUpDelay,
    int workers,
    Duration idleExpiry) {

  public ConversationConfig {
    if (silenceTimeout.isNegative() || silenceTimeout.isZero()) {
      throw new IllegalArgumentException("silence timeout must be positive");
    }
    if (approvalTimeout.isNegative() || approvalTimeout.isZero()) {
      throw new IllegalArgumentException("approval timeout must be positive");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1");
    }
  }
}
