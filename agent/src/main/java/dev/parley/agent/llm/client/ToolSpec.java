package dev.parley.agent.llm.client;

import java.util.Map;

/**
 * A tool offered to the model.
 *
 * @param name the tool's name
 * @param description when to use it, for the model
 * @param parameters the JSON schema of its arguments (an object schema)
 */
public record ToolSpec(String name, String description, Map<String, Object> parameters) {}
