package dev.parley.agent.planning;

import java.util.List;

/**
 * What the planner knows besides the instruction.
 *
 * @param owner the owner's profile
 * @param contacts the owner's contacts
 * @param settings the owner's assistant settings
 */
public record PlanningContext(
    OwnerProfile owner, List<Contact> contacts, AssistantSettings settings) {}
