package dev.parley.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.agent.llm.client.ChatMessage;
import dev.parley.agent.llm.client.ChatRequest;
import dev.parley.agent.llm.client.ChatResponse;
import dev.parley.agent.llm.client.JsonOutput;
import dev.parley.agent.llm.client.LlmException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a model for one JSON object and reads it, retrying once with the reason when the answer is
 * not valid JSON or the reader rejects it. The planner and the analyst share it.
 */
public final class StructuredOutput {

  private static final Logger LOG = LoggerFactory.getLogger(StructuredOutput.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a JSON answer into a value, or says what is wrong with it. */
  @FunctionalInterface
  public interface Reader<T> {
    /**
     * @throws InvalidOutputException naming what is wrong, for the model to correct
     */
    T read(JsonNode answer) throws InvalidOutputException;
  }

  private StructuredOutput() {}

  /**
   * Asks for the object, at most twice.
   *
   * @throws LlmException when the provider fails (no second attempt: the HTTP layer retried)
   * @throws InvalidOutputException when both answers were invalid; the message is the last reason
   */
  public static <T> T ask(
      BrainModel model,
      Brain brain,
      BrainListener listener,
      String system,
      String user,
      JsonOutput output,
      Reader<T> reader)
      throws LlmException, InvalidOutputException {
    List<ChatMessage> messages = new ArrayList<>(List.of(new ChatMessage.User(user)));
    InvalidOutputException last = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      ChatResponse r =
          model.call(
              brain, new ChatRequest(system, messages, List.of(), output), t -> {}, listener);
      try {
        return reader.read(parse(r.text()));
      } catch (InvalidOutputException invalid) {
        LOG.info(
            "{} output invalid (attempt {}): {}", brain.wireName(), attempt, invalid.getMessage());
        last = invalid;
        messages.add(new ChatMessage.Assistant(r.text(), List.of()));
        messages.add(
            new ChatMessage.User(
                "That answer was rejected: "
                    + invalid.getMessage()
                    + ". Answer again with one JSON object that matches the schema."));
      }
    }
    throw last;
  }

  private static JsonNode parse(String text) throws InvalidOutputException {
    String t = text.strip();
    // Some local servers wrap JSON in a Markdown fence despite the schema.
    if (t.startsWith("```")) {
      int open = t.indexOf('\n');
      int close = t.lastIndexOf("```");
      if (open > 0 && close > open) {
        t = t.substring(open + 1, close).strip();
      }
    }
    try {
      JsonNode n = JSON.readTree(t);
      if (n == null || !n.isObject()) {
        throw new InvalidOutputException("the answer is not a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidOutputException("the answer is not valid JSON: " + e.getOriginalMessage());
    }
  }
}
