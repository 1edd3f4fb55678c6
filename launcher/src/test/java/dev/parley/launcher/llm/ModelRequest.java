package dev.parley.launcher.llm;

import java.util.List;

/**
 * A chat request as the fake model reads it, whatever the provider's wire format: what it is for,
 * the system prompt, and the conversation as role-tagged lines.
 *
 * @param kind which brain asked: the planner and the analyst ask for a structured object by name,
 *     the dialog agent offers tools
 * @param outputName the structured output's name ({@code call_plan}, {@code call_analysis}), or
 *     null for the dialog
 * @param system the system prompt
 * @param lines the messages in order
 * @param toolNames the tools offered (the dialog's), without a structured-output tool
 */
record ModelRequest(
    Kind kind, String outputName, String system, List<Line> lines, List<String> toolNames) {

  /** Which brain a request comes from. */
  enum Kind {
    PLAN,
    DIALOG,
    ANALYSIS
  }

  /**
   * One message's content: {@code role} is user, assistant or tool (a tool result); {@code tools}
   * names the tools an assistant line called.
   */
  record Line(String role, String text, List<String> tools) {}

  static Kind kindOf(String outputName) {
    if (outputName == null) {
      return Kind.DIALOG;
    }
    return switch (outputName) {
      case "call_plan" -> Kind.PLAN;
      case "call_analysis" -> Kind.ANALYSIS;
      default -> throw new IllegalArgumentException("unknown structured output " + outputName);
    };
  }

  /** The text of the first user line (the planner's and analyst's request), or "". */
  String firstUserText() {
    return lines.stream()
        .filter(l -> l.role().equals("user"))
        .findFirst()
        .map(Line::text)
        .orElse("");
  }

  /** The text of the last user line (the callee's words and call events), or "". */
  String lastUserText() {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).role().equals("user")) {
        return lines.get(i).text();
      }
    }
    return "";
  }

  /** Whether the request ends with results of tools the model called (a second round). */
  boolean endsWithToolResult() {
    return !lines.isEmpty() && lines.get(lines.size() - 1).role().equals("tool");
  }

  /** Whether an earlier assistant line called {@code tool}. */
  boolean called(String tool) {
    return lines.stream().anyMatch(l -> l.role().equals("assistant") && l.tools().contains(tool));
  }
}
