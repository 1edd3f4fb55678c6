package dev.parley.agent.llm.client;

import java.util.Map;

/**
 * A request for structured output: the model answers with one JSON object matching {@code schema}.
 * OpenAI-compatible servers get it as {@code response_format} of type {@code json_schema};
 * Anthropic gets it as a tool the model is forced to call, whose input is the object.
 *
 * @param name the schema's name (letters, digits, underscores)
 * @param description what the object is, for the model
 * @param schema the JSON schema: every property required, nullable ones typed {@code [T, "null"]}
 */
public record JsonOutput(String name, String description, Map<String, Object> schema) {}
