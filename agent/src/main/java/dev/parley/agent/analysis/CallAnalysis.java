package dev.parley.agent.analysis;

import java.util.List;
import java.util.Optional;

/**
 * What a finished call achieved. Plain values and lists so an LLM analyst can fill the same shape
 * from a JSON schema.
 *
 * @param summary a few sentences for the owner
 * @param data the facts taken from the call
 * @param goalAchieved whether the plan's goal was met
 * @param outcome how the call ended
 * @param followUpRequired whether the owner or the agent has to do something next
 * @param followUpInstruction an instruction that could be planned as the next call, or null
 */
public record CallAnalysis(
    String summary,
    List<ExtractedDatum> data,
    boolean goalAchieved,
    CallOutcome outcome,
    boolean followUpRequired,
    String followUpInstruction) {

  /** The first datum with {@code key}. */
  public Optional<ExtractedDatum> datum(String key) {
    return data.stream().filter(d -> d.key().equals(key)).findFirst();
  }
}
