package dev.parley.control.conversation;

import dev.parley.agent.analysis.TranscriptSegment;
import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.dialog.Turn;
import dev.parley.agent.llm.LlmBrains;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.reception.ReceptionistAgent;
import dev.parley.control.conversation.CallContexts.CallContext;
import dev.parley.control.dispatch.DialPreparation.PreparedDial;
import dev.parley.control.event.CallEventRecorder;
import dev.parley.control.guard.DoNotCallList;
import dev.parley.control.medialink.MediaEventListener;
import dev.parley.control.medialink.MediaNodeRegistry;
import dev.parley.control.reception.Receptionists;
import dev.parley.control.session.CallSession;
import dev.parley.control.session.CallSessionCache;
import dev.parley.control.session.CallSessionRepository;
import dev.parley.control.session.CallSessionService;
import dev.parley.control.session.LiveCallState;
import dev.parley.control.session.Speaker;
import dev.parley.control.task.Approval;
import dev.parley.control.task.ApprovalRepository;
import dev.parley.control.task.ApprovalStatus;
import dev.parley.control.task.CallTask;
import dev.parley.control.task.CallTaskService;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SpeechMode;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's side of every live call: opens each call's dialogue when it is dialled (the
 * agent's opening line becomes the greeting the media node synthesises before anyone answers),
 * routes the node's events to the call's {@link LiveConversation}, sends the agent's commands back
 * to the node, and has the call written up when it ends.
 */
public final class Conversations
    implements MediaEventListener, MediaNodeRegistry.CallOpener, CallServices, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Conversations.class);

  private final LlmBrains brains;
  private final CallContexts contexts;
  private final MediaNodeRegistry nodes;
  private final CallSessionService sessions;
  private final CallSessionRepository sessionRecords;
  private final CallTaskService tasks;
  private final ApprovalRepository approvals;
  private final DoNotCallList doNotCall;
  private final CallSessionCache cache;
  private final CallEventRecorder events;
  private final CallWriteUp writeUp;
  private final Receptionists receptionists;
  private final ConversationConfig config;
  private final Clock clock;
  private final ExecutorService pool;
  private final ScheduledExecutorService scheduler;
  private final Map<UUID, LiveConversation> live = new ConcurrentHashMap<>();
  private final Map<UUID, SpeechToSpeechCall> speechToSpeech = new ConcurrentHashMap<>();
  private final Map<UUID, CallSession> sessionCache = new ConcurrentHashMap<>();
  private final List<ConversationObserver> observers = new CopyOnWriteArrayList<>();

  Conversations(
      LlmBrains brains,
      CallContexts contexts,
      MediaNodeRegistry nodes,
      CallSessionService sessions,
      CallSessionRepository sessionRecords,
      CallTaskService tasks,
      ApprovalRepository approvals,
      DoNotCallList doNotCall,
      CallSessionCache cache,
      CallEventRecorder events,
      CallWriteUp writeUp,
      Receptionists receptionists,
      ConversationConfig config,
      Clock clock,
      ExecutorService pool,
      ScheduledExecutorService scheduler) {
    this.brains = brains;
    this.contexts = contexts;
    this.nodes = nodes;
    this.sessions = sessions;
    this.sessionRecords = sessionRecords;
    this.tasks = tasks;
    this.approvals = approvals;
    this.doNotCall = doNotCall;
    this.cache = cache;
    this.events = events;
    this.writeUp = writeUp;
    this.receptionists = receptionists;
    this.config = config;
    this.clock = clock;
    this.pool = pool;
    this.scheduler = scheduler;
    long sweep = Math.max(1, config.idleExpiry().toSeconds() / 4);
    scheduler.scheduleWithFixedDelay(this::forgetUnconnected, sweep, sweep, TimeUnit.SECONDS);
  }

  /** Adds an observer of every conversation. */
  public void observe(ConversationObserver observer) {
    observers.add(observer);
  }

  /**
   * Calls whose dialogue is held on this instance, each until its write-up is done (the node's
   * events after the end are ignored by the call itself).
   */
  public int liveCount() {
    return live.size();
  }

  // ---- opening a call -----------------------------------------------------------------------

  @Override
  public MediaNodeRegistry.Opening open(PreparedDial dial) {
    if ("inbound".equals(dial.kind())) {
      return openInbound(dial);
    }
    Optional<CallContext> found = contexts.load(dial.taskId(), dial.organizationId());
    if (found.isEmpty()) {
      log.warn("call {}: task {} has no plan to follow", dial.sessionId(), dial.taskId());
      return null;
    }
    CallContext context = found.get();
    CallBrains call = new CallBrains(this, dial.sessionId(), context);
    if (nodes.speechMode() == SpeechMode.SPEECH_TO_SPEECH) {
      return openSpeechToSpeech(dial, context, call);
    }
    return openPipeline(dial, context, call);
  }

  /**
   * An inbound call: the organisation's receptionist answers it, following its standing plan, with
   * the centre's calendar as its desk. (Speech-to-speech mode applies to outbound calls only.)
   */
  private MediaNodeRegistry.Opening openInbound(PreparedDial dial) {
    Optional<HeldCall> held =
        inbound(dial.organizationId(), dial.taskId(), dial.sessionId(), dial.from());
    if (held.isEmpty()) {
      log.warn(
          "call {}: inbound task {} has no owner to answer for", dial.sessionId(), dial.taskId());
      return null;
    }
    return openPipeline(dial, held.get().context(), held.get().brains());
  }

  /** A call's context and the brains that hold it. */
  private record HeldCall(CallContext context, CallBrains brains) {}

  /** The receptionist's context and brains for inbound call {@code sessionId} from {@code from}. */
  private Optional<HeldCall> inbound(
      UUID organizationId, UUID taskId, UUID sessionId, String from) {
    Receptionists.Receptionist receptionist =
        receptionists.forCall(
            organizationId,
            sessionId,
            (type, data) -> recordEvent(organizationId, taskId, sessionId, type, data));
    CallPlan plan =
        ReceptionistAgent.inboundPlan(
            receptionist.desk().businessName(), from, ZonedDateTime.now(clock));
    return contexts
        .inbound(taskId, organizationId, plan)
        .map(
            context ->
                new HeldCall(
                    context,
                    new CallBrains(
                        this, sessionId, context, receptionist.agent(), receptionist.analyst())));
  }

  private MediaNodeRegistry.Opening openPipeline(
      PreparedDial dial, CallContext context, CallBrains call) {
    DialogTurn opening =
        call.agent()
            .respond(context.dialog(), ConversationState.initial(), new DialogEvent.CallAnswered());
    StringBuilder greeting = new StringBuilder();
    for (AgentAction a : opening.actions()) {
      if (a instanceof AgentAction.Speak s) {
        greeting.append(greeting.length() == 0 ? "" : " ").append(s.text());
      }
    }
    String text = greeting.length() == 0 ? null : greeting.toString();
    LiveConversation c =
        new LiveConversation(
            this, dial.sessionId(), context, call, opening.state(), text, new SerialExecutor(pool));
    LiveConversation old = live.put(dial.sessionId(), c);
    if (old != null) {
      log.warn("call {}: opened twice; the later opening wins", dial.sessionId());
    }
    if (text != null) {
      observers.forEach(o -> o.agentSaid(c.taskId(), c.sessionId(), text));
    }
    return new MediaNodeRegistry.Opening(text, Instructions.of(context), SpeechMode.PIPELINE);
  }

  /** The node's model holds the call: the plan goes as its instructions, no dialog agent runs. */
  private MediaNodeRegistry.Opening openSpeechToSpeech(
      PreparedDial dial, CallContext context, CallBrains brains) {
    speechToSpeech.put(
        dial.sessionId(),
        new SpeechToSpeechCall(this, dial.sessionId(), context, brains, new SerialExecutor(pool)));
    return new MediaNodeRegistry.Opening(
        null, Instructions.of(context), SpeechMode.SPEECH_TO_SPEECH);
  }

  // ---- node events ----------------------------------------------------------------------------

  @Override
  public void onMediaEvent(String nodeId, ProtocolMessage message) {
    LiveConversation c = live.get(message.callId());
    if (c != null) {
      c.offer(message);
    } else {
      SpeechToSpeechCall s = speechToSpeech.get(message.callId());
      if (s != null) {
        s.offer(message);
      }
    }
  }

  @Override
  public void finished(LiveConversation c, SessionEnd end) {
    try {
      writeUp.writeUp(c.endedCall(), end, observers);
    } finally {
      live.remove(c.sessionId(), c);
      sessionCache.remove(c.sessionId());
      cache.evict(c.sessionId());
    }
  }

  @Override
  public void finished(SpeechToSpeechCall c, SessionEnd end) {
    try {
      writeUp.writeUp(c.endedCall(), end, observers);
    } finally {
      speechToSpeech.remove(c.sessionId(), c);
      sessionCache.remove(c.sessionId());
    }
  }

  /**
   * Writes up a call that ended without a write-up, rebuilt from its record for the {@link
   * WriteUpSweeper}: the task's context and brains as the call would have had them (the
   * receptionist's for an inbound call) and the stored transcript. Whether this wrote it (false:
   * written meanwhile); throws when the task has no plan or owner to write it up for.
   */
  boolean writeUpUnwritten(
      WriteUpSweeper.Unwritten u, List<TranscriptSegment> transcript, Map<String, Object> why)
      throws SQLException {
    Optional<HeldCall> held =
        u.inbound()
            ? inbound(u.organizationId(), u.taskId(), u.sessionId(), u.from())
            : contexts
                .load(u.taskId(), u.organizationId())
                .map(c -> new HeldCall(c, new CallBrains(this, u.sessionId(), c)));
    if (held.isEmpty()) {
      throw new IllegalStateException("task " + u.taskId() + " has no plan or owner");
    }
    EndedCall ended =
        new EndedCall(
            u.sessionId(),
            u.taskId(),
            u.organizationId(),
            held.get().context(),
            held.get().brains(),
            transcript,
            true,
            u.hangUpReason(),
            u.hangUpReason() != null ? u.hangUpReason() : "callee_ended");
    return writeUp.writeUpSwept(ended, why, observers);
  }

  private void forgetUnconnected() {
    long limit = config.idleExpiry().toNanos();
    live.values()
        .removeIf(
            c -> {
              boolean stale = !c.record().connected() && c.record().ageNanos() > limit;
              if (stale) {
                sessionCache.remove(c.sessionId());
                log.debug("call {}: never connected; conversation forgotten", c.sessionId());
              }
              return stale;
            });
    speechToSpeech.values().removeIf(c -> !c.record().connected() && c.record().ageNanos() > limit);
  }

  // ---- services for the calls (CallServices) ------------------------------------------------

  @Override
  public boolean offlineBrains() {
    return brains.provider() == LlmBrains.Provider.OFFLINE;
  }

  @Override
  public LlmBrains brains() {
    return brains;
  }

  @Override
  public void recordEvent(
      UUID organizationId, UUID taskId, UUID sessionId, String type, Map<String, ?> detail) {
    try {
      events.record(organizationId, taskId, sessionId, type, null, null, detail);
    } catch (RuntimeException e) {
      log.warn("call {}: event {} not recorded", sessionId, type, e);
    }
  }

  @Override
  public ConversationConfig config() {
    return config;
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public List<ConversationObserver> observers() {
    return observers;
  }

  @Override
  public void send(UUID sessionId, ProtocolMessage message) {
    if (!nodes.send(sessionId, message)) {
      log.warn("call {}: no media node holds the call; {} dropped", sessionId, message.type());
    }
  }

  @Override
  public void recordHangUpReason(UUID sessionId, String reason) {
    try {
      sessions.recordHangUpReason(sessionId, reason);
    } catch (RuntimeException e) {
      log.warn("call {}: hang-up reason not stored", sessionId, e);
    }
  }

  @Override
  public void appendSegment(
      UUID sessionId,
      Speaker speaker,
      int startMs,
      int endMs,
      String text,
      boolean interrupted,
      Integer heardMs,
      Map<String, ?> meta) {
    CallSession session =
        sessionCache.computeIfAbsent(sessionId, id -> sessionRecords.findById(id).orElseThrow());
    sessions.appendSegment(
        session, speaker, startMs, endMs, text, null, interrupted, heardMs, meta);
  }

  /** Mirrors the dialogue into the Redis session cache (best effort: Redis may be down). */
  @Override
  public void saveLiveState(UUID sessionId, ConversationState s) {
    List<LiveCallState.Turn> turns = new ArrayList<>();
    for (Turn t : s.turns()) {
      turns.add(new LiveCallState.Turn(t.speaker().name().toLowerCase(), t.text(), 0));
    }
    cache.save(new LiveCallState(sessionId, turns, s.slots(), List.of()));
  }

  @Override
  public UUID requestApproval(CallTask task, UUID sessionId, BigDecimal amount, String reason) {
    Approval a =
        tasks.requestApproval(task, sessionId, amount == null ? BigDecimal.ZERO : amount, reason);
    return a.id();
  }

  @Override
  public Boolean approvalDecision(UUID approvalId) {
    // Not Optional.map: a pending approval maps to null, which map would turn into "not found".
    Approval a = approvals.findById(approvalId).orElse(null);
    if (a == null) {
      return Boolean.FALSE; // gone (its task deleted): nobody can approve it any more
    }
    return a.status() == ApprovalStatus.PENDING ? null : a.status() == ApprovalStatus.APPROVED;
  }

  @Override
  public void expireApproval(UUID organizationId, UUID taskId, UUID sessionId, UUID approvalId) {
    approvals
        .findById(approvalId)
        .filter(a -> a.status() == ApprovalStatus.PENDING)
        .ifPresent(
            a -> {
              approvals.update(
                  new Approval(
                      a.id(),
                      a.organizationId(),
                      a.taskId(),
                      a.sessionId(),
                      a.amount(),
                      a.reason(),
                      ApprovalStatus.DECLINED,
                      null,
                      a.createdAt(),
                      clock.instant()));
              recordEvent(
                  organizationId,
                  taskId,
                  sessionId,
                  "approval.expired",
                  Map.of(
                      "approvalId",
                      approvalId.toString(),
                      "after",
                      config.approvalTimeout().toString()));
            });
  }

  @Override
  public void optOut(UUID sessionId, String reason) {
    try {
      doNotCall.optOut(sessionId, reason == null ? "asked not to be called" : reason);
    } catch (java.sql.SQLException e) {
      log.error("call {}: could not record the do-not-call request", sessionId, e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    pool.shutdown();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
