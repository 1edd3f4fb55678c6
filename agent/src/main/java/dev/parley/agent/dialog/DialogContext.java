package dev.parley.agent.dialog;

import dev.parley.agent.planning.AssistantSettings;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.OwnerProfile;

/**
 * What the agent knows about the call it is on; fixed for the whole call.
 *
 * @param plan the call plan
 * @param owner the owner the agent calls for
 * @param settings the owner's assistant settings
 */
public record DialogContext(CallPlan plan, OwnerProfile owner, AssistantSettings settings) {}
