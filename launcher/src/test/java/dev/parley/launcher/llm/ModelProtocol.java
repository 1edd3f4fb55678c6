package dev.parley.launcher.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One provider's wire format as the fake server speaks it. */
interface ModelProtocol {

  /** The path requests are posted to, e.g. {@code /v1/chat/completions}. */
  String path();

  /** The request body read into the provider-neutral form. */
  ModelRequest read(JsonNode body);

  /** The answer as server-sent events, each a complete event with its blank line. */
  List<String> stream(ModelRequest request, ModelAnswer answer, int inputTokens);

  /** The provider's JSON error body for a server error. */
  String serverError();

  /** Splits {@code text} into pieces of at most {@code size} characters, as a stream would. */
  static List<String> pieces(String text, int size) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < text.length(); i += size) {
      out.add(text.substring(i, Math.min(text.length(), i + size)));
    }
    return out;
  }
}
