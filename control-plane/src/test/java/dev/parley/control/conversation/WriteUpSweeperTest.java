package dev.parley.control.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.dispatch.AttemptOutcomes;
import dev.parley.control.dispatch.CallTaskDispatcher;
import dev.parley.control.dispatch.CountingProvider;
import dev.parley.control.dispatch.DispatcherConfig;
import dev.parley.control.dispatch.Dispatchers;
import dev.parley.control.dispatch.RawDataSource;
import dev.parley.control.guard.DialGuards;
import dev.parley.control.support.Fixtures;
import dev.parley.control.support.SettableClock;
import dev.parley.control.support.TestServer;
import dev.parley.control.telephony.TelephonyConfig;
import dev.parley.control.telephony.TwilioSigner;
import dev.parley.control.telephony.TwilioWebhooks;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SessionEndReason;
import dev.parley.protocol.Transcript;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls that end without their own write-up are written up by the sweeper, exactly once: against
 * the running application and a real Postgres, a task is dialled, its conversation opened as the
 * media node registry opens it, and the node's events and Twilio's signed status callbacks are
 * delivered the way the media link and the webhook endpoint deliver them.
 */
class WriteUpSweeperTest {
  /** A server of its own: the tests move its clock. */
  static TestServer server;

  static final CountingProvider provider = new CountingProvider();
  static final AtomicInteger sequence = new AtomicInteger();

  static Conversations conversations;
  static TwilioWebhooks webhooks;
  static TelephonyConfig telephony;
  static DataSource db;

  /** Single-value queries on {@link #db}. */
  static dev.parley.control.dispatch.Fixtures rows;

  static SettableClock clock;
  static WriteUpSweeper sweeper;
  static TestServer.Tenant tenant;

  @BeforeAll
  static void start() {
    // Rate limits off: the tests create more calls an hour than a person may.
    server = TestServer.start("UTC", Map.of("parley.rate-limits.enabled", "false"));
    conversations = server.bean(Conversations.class);
    webhooks = server.bean(TwilioWebhooks.class);
    telephony = server.bean(TelephonyConfig.class);
    db = RawDataSource.of(server.bean(DataSource.class));
    rows = new dev.parley.control.dispatch.Fixtures(db);
    clock = server.clock();
    sweeper = server.bean(WriteUpSweeper.class);
    tenant = server.newTenant();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A dialled call: its session, Twilio's call id, its task. */
  record Dialled(UUID session, String callSid, UUID task) {}

  /**
   * A new task dialled by a dispatcher, its conversation opened at dial time as the media node
   * registry does (the agent's greeting is ready before anyone answers).
   */
  Dialled dial() throws Exception {
    UUID task =
        UUID.fromString(Fixtures.readyTask(tenant.api(), Fixtures.nextPhone()).str("task.id"));
    try (CallTaskDispatcher d =
        new CallTaskDispatcher(
            new DispatcherConfig(
                "sweeper-test", 10, 1, 2, Duration.ofSeconds(30), Duration.ofMillis(10)),
            db,
            new DialGuards(Dispatchers.openGuards(), clock),
            provider,
            dial -> conversations.open(dial) == null ? null : "node-a",
            server.bean(AttemptOutcomes.class),
            clock)) {
      d.runOnce();
    }
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, provider_call_id FROM call_sessions WHERE task_id = ?")) {
      ps.setObject(1, task);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("a session for task " + task).isTrue();
        return new Dialled(rs.getObject(1, UUID.class), rs.getString(2), task);
      }
    }
  }

  /** Twilio's signed status callback for the call. */
  void callback(Dialled d, String status, String... extra) throws Exception {
    Map<String, String> form = new HashMap<>();
    form.put("CallSid", d.callSid());
    form.put("CallStatus", status);
    form.put("SequenceNumber", String.valueOf(sequence.incrementAndGet()));
    for (int i = 0; i < extra.length; i += 2) {
      form.put(extra[i], extra[i + 1]);
    }
    String path = "/twilio/status/" + d.session();
    String signature = TwilioSigner.sign(telephony.authToken(), telephony.publicUrl(path), form);
    assertThat(webhooks.handle(path, null, form, signature).status()).isEqualTo(204);
  }

  /** The node's event for the call, as the media link hands it over. */
  void node(ProtocolMessage message) {
    conversations.onMediaEvent("node-a", message);
  }

  /** Waits until the call's conversation is done, write-up included. */
  void awaitConversationsDone() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (conversations.liveCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(conversations.liveCount()).as("conversations still held").isZero();
  }

  long count(String sql, Object... args) throws Exception {
    return rows.count(sql, args);
  }

  String string(String sql, Object... args) throws Exception {
    return rows.string(sql, args);
  }

  long events(Dialled d, String type) throws Exception {
    return count(
        "SELECT count(*) FROM call_events WHERE session_id = ? AND type = ?", d.session(), type);
  }

  long notifications(Dialled d, String type) throws Exception {
    return count(
        "SELECT count(*) FROM notifications WHERE task_id = ? AND type = ?", d.task(), type);
  }

  @Test
  void aCallAnsweredAfterTheNodeGaveUpOnItsStreamIsWrittenUpOnceTheGraceHasPassed()
      throws Exception {
    Dialled d = dial();
    // Three minutes after the dial the node gives up waiting for the stream: nothing proves the
    // call was answered yet, so its conversation writes nothing up.
    clock.advance(Duration.ofMinutes(3));
    node(new SessionEnd(d.session(), SessionEndReason.NO_STREAM, "no media stream arrived"));
    awaitConversationsDone();
    // Then Twilio's callbacks arrive: the call was answered, and is over.
    callback(d, "in-progress", "AnsweredBy", "human");
    callback(d, "completed", "CallDuration", "4");
    assertThat(string("SELECT status FROM call_tasks WHERE id = ?", d.task()))
        .isEqualTo("completed");
    assertThat(events(d, "call.analysed")).as("written up before the sweep").isZero();

    clock.advance(Duration.ofMinutes(1));
    sweeper.sweep();
    assertThat(events(d, "call.analysed")).as("written up within the grace").isZero();

    clock.advance(Duration.ofMinutes(5));
    sweeper.sweep();
    assertThat(events(d, "call.analysed")).isEqualTo(1);
    assertThat(events(d, "call.write_up_swept")).isEqualTo(1);
    assertThat(
            string(
                "SELECT detail->>'reason' FROM call_events WHERE session_id = ?"
                    + " AND type = 'call.write_up_swept'",
                d.session()))
        .isEqualTo("session ended answered with no write-up");
    assertThat(string("SELECT summary FROM call_tasks WHERE id = ?", d.task())).isNotBlank();
    assertThat(notifications(d, "call_completed")).isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM call_sessions WHERE id = ? AND written_up_at IS NOT NULL",
                d.session()))
        .isEqualTo(1);

    clock.advance(Duration.ofMinutes(10));
    sweeper.sweep();
    assertThat(events(d, "call.analysed")).as("after another sweep").isEqualTo(1);
    assertThat(notifications(d, "call_completed")).isEqualTo(1);
  }

  @Test
  void anUnansweredCallWithNothingSaidIsLeftAlone() throws Exception {
    Dialled d = dial();
    callback(d, "busy");
    // No retry: later dials in this class would pick it up and hold its call open.
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("UPDATE call_tasks SET status = 'cancelled' WHERE id = ?")) {
      ps.setObject(1, d.task());
      ps.executeUpdate();
    }
    clock.advance(Duration.ofMinutes(3));
    node(new SessionEnd(d.session(), SessionEndReason.NO_STREAM, "no media stream arrived"));
    awaitConversationsDone();
    clock.advance(Duration.ofMinutes(10));
    sweeper.sweep();
    assertThat(events(d, "call.analysed")).isZero();
    assertThat(
            count(
                "SELECT count(*) FROM call_sessions WHERE id = ? AND write_up_claimed_until IS NULL",
                d.session()))
        .as("never claimed")
        .isEqualTo(1);
  }

  @Test
  void aLateWriteUpByTheCallItselfFindsTheSweepersAndStoresNothing() throws Exception {
    Dialled d = dial();
    node(new CallStats(d.session(), 200, 150, 32000, 24000, 0, 0, 0, 4_000_000, 900_000));
    node(
        new Transcript(
            d.session(), 1, Transcript.Speaker.CALLEE, true, 500, 1500, 0.9f, "Hello, who is it?"));
    callback(d, "in-progress", "AnsweredBy", "human");
    callback(d, "completed", "CallDuration", "9");
    // The node's SESSION_END is held up well past the grace: the sweeper writes the call up.
    clock.advance(Duration.ofMinutes(6));
    sweeper.sweep();
    assertThat(events(d, "call.write_up_swept")).isEqualTo(1);

    node(new SessionEnd(d.session(), SessionEndReason.REMOTE_HANGUP, "stream stopped"));
    awaitConversationsDone();
    assertThat(events(d, "call.analysed")).isEqualTo(1);
    assertThat(notifications(d, "call_completed")).isEqualTo(1);
  }

  @Test
  void theCallsOwnWriteUpAndSeveralSweepersRacingWriteEachCallUpOnce() throws Exception {
    int calls = 6;
    List<Dialled> dialled = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      Dialled d = dial();
      dialled.add(d);
      node(new CallStats(d.session(), 200, 150, 32000, 24000, 0, 0, 0, 4_000_000, 900_000));
      node(
          new Transcript(
              d.session(), 1, Transcript.Speaker.CALLEE, true, 500, 1500, 0.9f, "Yes, speaking."));
      callback(d, "in-progress", "AnsweredBy", "human");
      callback(d, "completed", "CallDuration", "9");
    }
    clock.advance(Duration.ofMinutes(6));
    // Three control-plane instances' sweepers and the calls' own write-ups, all at once.
    WriteUpSweeperConfig config = server.bean(WriteUpSweeperConfig.class);
    List<WriteUpSweeper> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      instances.add(new WriteUpSweeper(db, conversations, config, clock));
    }
    CyclicBarrier start = new CyclicBarrier(instances.size() + 1);
    ExecutorService pool = Executors.newFixedThreadPool(instances.size() + 1);
    try {
      List<Future<Integer>> sweeps = new ArrayList<>();
      for (WriteUpSweeper s : instances) {
        sweeps.add(
            pool.submit(
                (Callable<Integer>)
                    () -> {
                      start.await();
                      return s.sweep();
                    }));
      }
      Future<?> ends =
          pool.submit(
              () -> {
                start.await();
                for (Dialled d : dialled) {
                  node(new SessionEnd(d.session(), SessionEndReason.REMOTE_HANGUP, "hung up"));
                }
                return null;
              });
      ends.get(60, TimeUnit.SECONDS);
      for (Future<Integer> f : sweeps) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    awaitConversationsDone();
    for (Dialled d : dialled) {
      assertThat(events(d, "call.analysed")).as("write-ups of " + d.session()).isEqualTo(1);
      assertThat(notifications(d, "call_completed"))
          .as("notifications of " + d.session())
          .isEqualTo(1);
    }
  }
}
