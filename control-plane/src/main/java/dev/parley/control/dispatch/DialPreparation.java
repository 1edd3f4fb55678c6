package dev.parley.control.dispatch;

import java.util.UUID;

/**
 * Readies the media side of a call before it is dialled (the media link sends SESSION_START so the
 * greeting is synthesised before anyone answers) and names the node that will carry it.
 */
public interface DialPreparation {
  /** Does nothing and names no node; used when no media link runs. */
  DialPreparation NONE = d -> null;

  /** Prepares the call and returns the chosen media node's id, or null when none was chosen. */
  String prepare(PreparedDial dial);

  /** What the media node needs to know about a call being dialled. */
  record PreparedDial(
      UUID sessionId, UUID taskId, UUID organizationId, String kind, String to, String from) {}
}
