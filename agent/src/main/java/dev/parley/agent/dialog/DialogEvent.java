package dev.parley.agent.dialog;

/** Something that happened on the call that the agent must respond to. */
public sealed interface DialogEvent {

  /** The callee picked up (or an automated system did). */
  record CallAnswered() implements DialogEvent {}

  /**
   * The callee's final transcript for one turn.
   *
   * @param text what they said
   */
  record CalleeSaid(String text) implements DialogEvent {}

  /**
   * The callee pressed keys.
   *
   * @param digits the keys pressed
   */
  record DtmfReceived(String digits) implements DialogEvent {}

  /**
   * Nobody spoke for a while after the agent finished.
   *
   * @param seconds how long the silence lasted
   */
  record SilenceTimeout(int seconds) implements DialogEvent {}

  /**
   * The callee started speaking while the agent was; playback was cut.
   *
   * @param heardText the part of the agent's utterance that was played before the cut
   */
  record BargeIn(String heardText) implements DialogEvent {}

  /**
   * The owner answered a {@link AgentAction.RequestApproval}.
   *
   * @param approved whether they approved
   * @param note what the owner added, or null
   */
  record ApprovalDecided(boolean approved, String note) implements DialogEvent {}

  /** A voicemail beep was heard: recording has started. */
  record VoicemailBeep() implements DialogEvent {}
}
