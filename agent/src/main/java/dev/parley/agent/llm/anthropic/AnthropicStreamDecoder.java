package dev.parley.agent.llm.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.agent.llm.client.ChatResponse;
import dev.parley.agent.llm.client.LlmException;
import dev.parley.agent.llm.client.ModelStream;
import dev.parley.agent.llm.client.SseEvent;
import dev.parley.agent.llm.client.TokenUsage;
import dev.parley.agent.llm.client.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads a Messages API stream as an explicit state machine over its events: {@code message_start}
 * (input token count), then per content block {@code content_block_start} (a {@code text} or {@code
 * tool_use} block with id and name), {@code content_block_delta} ({@code text_delta} text or {@code
 * input_json_delta} pieces of the tool input), {@code content_block_stop}; then {@code
 * message_delta} (stop reason and the cumulative output token count) and {@code message_stop}.
 * {@code ping} is ignored, {@code error} ends the call with the provider's error, and unknown event
 * types are skipped as the API's versioning policy asks. A stream that ends before {@code
 * message_stop} was cut.
 */
final class AnthropicStreamDecoder {

  private enum State {
    AWAITING_MESSAGE,
    IN_MESSAGE,
    DONE
  }

  private static final class Block {
    final String type;
    final String id;
    final String name;
    final StringBuilder content = new StringBuilder();
    boolean stopped;

    Block(String type, String id, String name) {
      this.type = type;
      this.id = id;
      this.name = name;
    }
  }

  private final ObjectMapper json;

  AnthropicStreamDecoder(ObjectMapper json) {
    this.json = json;
  }

  /**
   * @param outputTool the forced structured-output tool whose input is the answer, or null
   */
  ChatResponse read(ModelStream stream, Consumer<String> textDeltas, String outputTool)
      throws LlmException {
    State state = State.AWAITING_MESSAGE;
    Map<Integer, Block> blocks = new TreeMap<>();
    long input = 0;
    long output = 0;
    String stopReason = null;
    SseEvent e;
    while (state != State.DONE && (e = stream.next()) != null) {
      JsonNode event = parse(e.data());
      String type = event.path("type").asText(e.event());
      switch (type) {
        case "ping" -> {}
        case "error" ->
            throw AnthropicErrors.fromErrorNode(
                event.path("error"), 0, null, LlmException.Kind.STREAM_ERROR);
        case "message_start" -> {
          expect(state == State.AWAITING_MESSAGE, "message_start twice");
          JsonNode u = event.path("message").path("usage");
          input =
              u.path("input_tokens").asLong(0)
                  + u.path("cache_creation_input_tokens").asLong(0)
                  + u.path("cache_read_input_tokens").asLong(0);
          output = u.path("output_tokens").asLong(0);
          state = State.IN_MESSAGE;
        }
        case "content_block_start" -> {
          expect(state == State.IN_MESSAGE, "content_block_start before message_start");
          int index = event.path("index").asInt(-1);
          JsonNode b = event.path("content_block");
          expect(index >= 0 && !blocks.containsKey(index), "content block " + index + " reopened");
          Block block =
              new Block(
                  b.path("type").asText(), b.path("id").asText(null), b.path("name").asText(null));
          if (block.type.equals("text")) {
            block.content.append(b.path("text").asText(""));
          }
          blocks.put(index, block);
        }
        case "content_block_delta" -> {
          Block block = blocks.get(event.path("index").asInt(-1));
          expect(block != null && !block.stopped, "delta for a block that is not open");
          JsonNode d = event.path("delta");
          switch (d.path("type").asText()) {
            case "text_delta" -> {
              String piece = d.path("text").asText("");
              block.content.append(piece);
              if (!piece.isEmpty()) {
                textDeltas.accept(piece);
              }
            }
            case "input_json_delta" -> block.content.append(d.path("partial_json").asText(""));
            default -> {}
          }
        }
        case "content_block_stop" -> {
          Block block = blocks.get(event.path("index").asInt(-1));
          expect(block != null, "stop for a block that was never started");
          block.stopped = true;
        }
        case "message_delta" -> {
          expect(state == State.IN_MESSAGE, "message_delta before message_start");
          if (event.path("delta").hasNonNull("stop_reason")) {
            stopReason = event.path("delta").get("stop_reason").asText();
          }
          // The count is cumulative: keep the latest, never add.
          if (event.path("usage").has("output_tokens")) {
            output = event.path("usage").get("output_tokens").asLong();
          }
        }
        case "message_stop" -> {
          expect(state == State.IN_MESSAGE, "message_stop before message_start");
          state = State.DONE;
        }
        default -> {}
      }
    }
    if (state != State.DONE) {
      throw LlmException.of(
          LlmException.Kind.PROTOCOL, "messages stream ended before message_stop", null);
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (Block b : blocks.values()) {
      if (b.type.equals("text")) {
        text.append(b.content);
      } else if (b.type.equals("tool_use")) {
        String args = b.content.length() == 0 ? "{}" : b.content.toString();
        if (outputTool != null && outputTool.equals(b.name)) {
          text.setLength(0);
          text.append(args);
          outputTool = null;
        } else {
          calls.add(new ToolCall(b.id, b.name, args));
        }
      }
    }
    return new ChatResponse(text.toString(), calls, stopReason, new TokenUsage(input, output));
  }

  private JsonNode parse(String data) throws LlmException {
    try {
      JsonNode n = json.readTree(data);
      expect(n != null && n.isObject(), "event data is not a JSON object");
      return n;
    } catch (JsonProcessingException ex) {
      throw LlmException.of(
          LlmException.Kind.PROTOCOL, "messages event is not JSON: " + ex.getOriginalMessage(), ex);
    }
  }

  private static void expect(boolean ok, String what) throws LlmException {
    if (!ok) {
      throw LlmException.of(LlmException.Kind.PROTOCOL, "messages stream: " + what, null);
    }
  }
}
