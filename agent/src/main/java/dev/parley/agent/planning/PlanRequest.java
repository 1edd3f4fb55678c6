package dev.parley.agent.planning;

import java.math.BigDecimal;
import java.util.List;

/**
 * An instruction plus whatever the request already fixed in structured form; fixed values win over
 * what the planner reads from the text.
 *
 * @param instruction the owner's words
 * @param contactId a contact chosen explicitly, or null
 * @param phone a number given explicitly (any format), or null
 * @param maxPrice a money limit given explicitly, or null
 * @param tone a tone given explicitly, or null
 * @param hardConstraints extra conditions the outcome must meet
 * @param softPreferences extra conditions to aim for
 */
public record PlanRequest(
    String instruction,
    String contactId,
    String phone,
    BigDecimal maxPrice,
    Tone tone,
    List<String> hardConstraints,
    List<String> softPreferences) {

  /** Compact canonical constructor: null lists become empty. */
  public PlanRequest {
    hardConstraints = hardConstraints == null ? List.of() : List.copyOf(hardConstraints);
    softPreferences = softPreferences == null ? List.of() : List.copyOf(softPreferences);
  }

  /** A request that is only an instruction. */
  public static PlanRequest of(String instruction) {
    return new PlanRequest(instruction, null, null, null, null, List.of(), List.of());
  }
}
