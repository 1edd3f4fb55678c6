package dev.parley.agent.planning;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The owner's settings for the assistant.
 *
 * @param requireApprovalAbove any commitment above this amount needs the owner's approval during
 *     the call, whatever the plan's limit
 * @param autoApproveUpTo commitments up to this amount need no approval even without a limit
 * @param requirePriceLimit when true, a call about a price cannot be placed without a limit
 * @param allowedPersonalFields the owner details the agent may share
 * @param callingWindow when calls may be placed
 * @param leaveVoicemail whether to leave a message when voicemail answers
 * @param forbiddenPhrases phrases the agent must never say (case-insensitive)
 * @param agentName the name the agent introduces itself with
 */
public record AssistantSettings(
    BigDecimal requireApprovalAbove,
    BigDecimal autoApproveUpTo,
    boolean requirePriceLimit,
    Set<PersonalField> allowedPersonalFields,
    CallingWindow callingWindow,
    boolean leaveVoicemail,
    List<String> forbiddenPhrases,
    String agentName) {

  /** Sensible defaults: approval above $200, name and phone shareable, voicemail left. */
  public static AssistantSettings defaults() {
    return new AssistantSettings(
        new BigDecimal("200"),
        new BigDecimal("50"),
        true,
        EnumSet.of(PersonalField.FULL_NAME, PersonalField.PHONE),
        CallingWindow.standard(),
        true,
        List.of(),
        "Parley");
  }

  /** True when the owner allows sharing {@code field}. */
  public boolean mayShare(PersonalField field) {
    return allowedPersonalFields.contains(field);
  }
}
