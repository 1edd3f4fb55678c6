package dev.parley.control.conversation;

import dev.parley.agent.analysis.PostCallAnalyst;
import dev.parley.agent.llm.BrainListener;
import dev.parley.agent.llm.CallLedger;
import dev.parley.agent.llm.Fallback;
import dev.parley.agent.llm.LlmBrains;
import dev.parley.agent.llm.ModelUsage;
import dev.parley.agent.llm.StreamingDialogAgent;
import dev.parley.control.conversation.CallContexts.CallContext;
import java.util.Map;
import java.util.UUID;

/**
 * One call's view of the agent's brains: its dialog agent and analyst report token use to the
 * call's own ledger (the call's model cost), and each fallback to the rule-based brain is recorded
 * as a call event.
 */
final class CallBrains implements BrainListener {
  private final CallServices services;
  private final UUID sessionId;
  private final CallContext context;
  private final CallLedger ledger = new CallLedger();
  private final LlmBrains brains;

  /** The dialog agent and analyst that hold this call instead of the brains' own, or null. */
  private final StreamingDialogAgent agent;

  private final PostCallAnalyst analyst;

  CallBrains(CallServices services, UUID sessionId, CallContext context) {
    this(services, sessionId, context, null, null);
  }

  /**
   * A call held by {@code agent} and written up by {@code analyst} (the receptionist's); the
   * agent's model use and fallbacks are reported to this call.
   */
  CallBrains(
      CallServices services,
      UUID sessionId,
      CallContext context,
      StreamingDialogAgent agent,
      PostCallAnalyst analyst) {
    this.services = services;
    this.sessionId = sessionId;
    this.context = context;
    this.brains = services.brains().forCall(this);
    this.agent = agent == null ? null : agent.reportingTo(this);
    this.analyst = analyst;
  }

  StreamingDialogAgent agent() {
    return agent != null ? agent : brains.dialogAgent();
  }

  PostCallAnalyst analyst() {
    return analyst != null ? analyst : brains.analyst();
  }

  CallLedger ledger() {
    return ledger;
  }

  @Override
  public void usage(ModelUsage usage) {
    ledger.usage(usage);
  }

  @Override
  public void fallback(Fallback fallback) {
    ledger.fallback(fallback);
    services.recordEvent(
        context.task().getOrganizationId(),
        context.task().getId(),
        sessionId,
        "agent.fallback",
        Map.of(
            "brain", fallback.brain().wireName(),
            "provider", String.valueOf(fallback.provider()),
            "model", String.valueOf(fallback.model()),
            "reason", String.valueOf(fallback.reason())));
  }
}
