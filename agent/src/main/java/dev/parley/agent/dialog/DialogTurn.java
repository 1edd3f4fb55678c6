package dev.parley.agent.dialog;

import java.util.List;

/**
 * The agent's response to one event.
 *
 * @param state the state to store for the next event
 * @param actions what to do now, in order
 */
public record DialogTurn(ConversationState state, List<AgentAction> actions) {}
