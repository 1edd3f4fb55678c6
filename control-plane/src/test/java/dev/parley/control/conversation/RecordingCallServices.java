package dev.parley.control.conversation;

import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.llm.LlmBrains;
import dev.parley.control.session.Speaker;
import dev.parley.control.task.CallTask;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEnd;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The control plane as one call sees it, recording what the call does: commands to the node,
 * transcript segments, events. No database, no node: a call's rules tested on their own.
 */
final class RecordingCallServices implements CallServices, AutoCloseable {
  /** One appended transcript segment. */
  record Segment(Speaker speaker, String text, boolean interrupted) {}

  final List<ProtocolMessage> sent = new CopyOnWriteArrayList<>();
  final List<Segment> segments = new CopyOnWriteArrayList<>();
  final List<String> events = new CopyOnWriteArrayList<>();

  /** Each recorded event's detail, in the order of {@link #events}. */
  final List<Map<String, ?>> eventDetails = new CopyOnWriteArrayList<>();

  final List<SessionEnd> finished = new CopyOnWriteArrayList<>();
  final List<String> optOuts = new CopyOnWriteArrayList<>();

  /** Whether the brains are the offline rules (false: a model, whose every turn costs). */
  boolean offline = true;

  private final Clock clock = Clock.fixed(Instant.parse("2026-03-10T15:00:00Z"), ZoneOffset.UTC);
  private final LlmBrains brains = LlmBrains.offline(clock);
  private final List<ConversationObserver> observers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ConversationConfig config =
      new ConversationConfig(
          Duration.ofHours(1),
          Duration.ofMinutes(2),
          Duration.ofMillis(500),
          Duration.ofHours(24),
          1,
          Duration.ofMinutes(10));

  /** A call's executor that runs its tasks only when told: a test decides what is queued when. */
  static final class ManualExecutor implements Executor {
    private final Queue<Runnable> queue = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
      queue.add(task);
    }

    /** Runs what is queued, and what that queues, until nothing is left. */
    void runAll() {
      while (true) {
        Runnable next;
        synchronized (this) {
          next = queue.poll();
        }
        if (next == null) {
          return;
        }
        next.run();
      }
    }
  }

  /** Commands of one type sent to the node. */
  <T extends ProtocolMessage> List<T> sent(Class<T> type) {
    return sent.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public LlmBrains brains() {
    return brains;
  }

  @Override
  public boolean offlineBrains() {
    return offline;
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
    sent.add(message);
  }

  @Override
  public void recordEvent(
      UUID organizationId, UUID taskId, UUID sessionId, String type, Map<String, ?> detail) {
    events.add(type);
    eventDetails.add(detail);
  }

  /** The detail of the last event of {@code type} recorded. */
  Map<String, Object> lastEvent(String type) {
    int i = events.lastIndexOf(type);
    if (i < 0) {
      throw new AssertionError("no " + type + " event in " + events);
    }
    return new LinkedHashMap<>(eventDetails.get(i));
  }

  @Override
  public void recordHangUpReason(UUID sessionId, String reason) {}

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
    segments.add(new Segment(speaker, text, interrupted));
  }

  @Override
  public void saveLiveState(UUID sessionId, ConversationState state) {}

  @Override
  public UUID requestApproval(CallTask task, UUID sessionId, BigDecimal amount, String reason) {
    return UUID.randomUUID();
  }

  @Override
  public Boolean approvalDecision(UUID approvalId) {
    return null;
  }

  @Override
  public void expireApproval(UUID organizationId, UUID taskId, UUID sessionId, UUID approvalId) {}

  @Override
  public void optOut(UUID sessionId, String reason) {
    optOuts.add(reason);
  }

  @Override
  public void finished(LiveConversation call, SessionEnd end) {
    finished.add(end);
  }

  @Override
  public void finished(SpeechToSpeechCall call, SessionEnd end) {
    finished.add(end);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
