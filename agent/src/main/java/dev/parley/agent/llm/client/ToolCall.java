package dev.parley.agent.llm.client;

/**
 * A tool the model asked to run.
 *
 * @param id the provider's id for the call; tool results quote it
 * @param name the tool's name
 * @param argumentsJson the arguments as the JSON object text the model wrote (may be malformed)
 */
public record ToolCall(String id, String name, String argumentsJson) {}
