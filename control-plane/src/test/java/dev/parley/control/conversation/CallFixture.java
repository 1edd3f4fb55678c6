package dev.parley.control.conversation;

import dev.parley.agent.dialog.ConversationState;
import dev.parley.control.conversation.CallContexts.CallContext;
import dev.parley.control.conversation.RecordingCallServices.ManualExecutor;
import dev.parley.control.task.CallTask;
import java.util.UUID;

/**
 * One call against {@link RecordingCallServices}, run on a {@link ManualExecutor}: a task of its
 * own (no plan, no owner), and either kind of call over it. What the call-level tests share.
 */
final class CallFixture implements AutoCloseable {
  static final String GREETING = "Hello, this is Parley.";

  final RecordingCallServices services = new RecordingCallServices();
  final ManualExecutor serial = new ManualExecutor();
  final UUID sessionId = UUID.randomUUID();

  private CallContext context() {
    CallTask task = new CallTask();
    task.setId(UUID.randomUUID());
    task.setOrganizationId(UUID.randomUUID());
    return new CallContext(task, null, null);
  }

  /** A call held by the control plane's dialog agent, its greeting ({@link #GREETING}) sent. */
  LiveConversation pipeline() {
    CallContext context = context();
    return new LiveConversation(
        services,
        sessionId,
        context,
        new CallBrains(services, sessionId, context, null, null),
        ConversationState.initial(),
        GREETING,
        serial);
  }

  /** A call held by the node's speech-to-speech model. */
  SpeechToSpeechCall speechToSpeech() {
    CallContext context = context();
    return new SpeechToSpeechCall(
        services,
        sessionId,
        context,
        new CallBrains(services, sessionId, context, null, null),
        serial);
  }

  @Override
  public void close() {
    services.close();
  }
}
