package dev.parley.agent.llm.reception;

import dev.parley.agent.dialog.AgentAction;
import java.util.ArrayList;
import java.util.List;

/**
 * What one turn changed at the desk (a booking, a cancellation, a message), kept across the turn's
 * attempts: a change is real once the desk made it, even when the model's reply around it is then
 * rejected. A retry starts with these actions and is told not to repeat them; if the model still
 * cannot answer, the caller hears these sentences instead of the rule-based receptionist's, which
 * knows nothing of them.
 */
final class DeskChanges {

  private final List<AgentAction> actions = new ArrayList<>();
  private final List<String> sentences = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  void add(List<AgentAction> changeActions, String sentence, String note) {
    actions.addAll(changeActions);
    sentences.add(sentence);
    notes.add(note);
  }

  boolean isEmpty() {
    return sentences.isEmpty();
  }

  /** The control-plane actions the changes asked for, in order. */
  List<AgentAction> actions() {
    return List.copyOf(actions);
  }

  /** What the caller is told about the changes, one sentence or two each. */
  List<String> sentences() {
    return List.copyOf(sentences);
  }

  /** The changes for the model's retry: "booked oil change on ..., code BG-7K3Q". */
  String note() {
    return String.join("; ", notes);
  }
}
