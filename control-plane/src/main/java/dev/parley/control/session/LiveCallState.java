package dev.parley.control.session;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live state of one call that any control-plane instance may need to serve its next turn: the
 * conversation so far, the slots collected, and approvals still pending.
 */
public record LiveCallState(
    UUID sessionId,
    List<Turn> turns,
    Map<String, String> slots,
    List<PendingApproval> pendingApprovals) {

  public LiveCallState {
    turns = List.copyOf(turns);
    slots = Map.copyOf(slots);
    pendingApprovals = List.copyOf(pendingApprovals);
  }

  /** A state with nothing in it yet. */
  public static LiveCallState empty(UUID sessionId) {
    return new LiveCallState(sessionId, List.of(), Map.of(), List.of());
  }

  /** One utterance: who said it, what, and when (ms since the call started). */
  public record Turn(String speaker, String text, long atMs) {}

  /** An approval the owner has not answered yet. */
  public record PendingApproval(UUID approvalId, String reason, String amount) {}
}
