package dev.parley.agent.llm.openai;

import dev.parley.agent.llm.client.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins streamed {@code delta.tool_calls} fragments into whole calls. The first fragment of a call
 * carries its {@code index}, {@code id} and {@code function.name}; later ones at the same index
 * carry pieces of {@code function.arguments}. Parallel calls use different indexes. Some local
 * servers (Ollama) send every parallel call at index 0 and tell them apart only by id, so a new id
 * at a used index opens a new call.
 */
final class ToolCallAssembler {

  private static final class Building {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
  }

  /** Calls in order of first appearance: stream index, then arrival for reused indexes. */
  private final Map<Integer, List<Building>> byIndex = new TreeMap<>();

  void add(int index, String id, String name, String argumentsPiece) {
    List<Building> slot = byIndex.computeIfAbsent(index, i -> new ArrayList<>());
    Building current = slot.isEmpty() ? null : slot.get(slot.size() - 1);
    if (current == null
        || (id != null && !id.isEmpty() && current.id != null && !id.equals(current.id))) {
      current = new Building();
      slot.add(current);
    }
    if (id != null && !id.isEmpty()) {
      current.id = id;
    }
    if (name != null && !name.isEmpty()) {
      current.name = name;
    }
    if (argumentsPiece != null) {
      current.arguments.append(argumentsPiece);
    }
  }

  /** The calls; a call the server gave no id gets a stable one so its result can quote it. */
  List<ToolCall> calls() {
    List<ToolCall> out = new ArrayList<>();
    for (List<Building> slot : byIndex.values()) {
      for (Building b : slot) {
        String id = b.id != null ? b.id : "call_" + out.size();
        String args = b.arguments.length() == 0 ? "{}" : b.arguments.toString();
        out.add(new ToolCall(id, b.name, args));
      }
    }
    return out;
  }
}
