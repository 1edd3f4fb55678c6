package dev.parley.control.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.control.dispatch.AttemptOutcomes;
import dev.parley.control.dispatch.CallTaskDispatcher;
import dev.parley.control.dispatch.CountingProvider;
import dev.parley.control.dispatch.DialPreparation;
import dev.parley.control.dispatch.Dispatchers;
import dev.parley.control.dispatch.Fixtures;
import dev.parley.control.dispatch.RetryPolicy;
import dev.parley.control.dispatch.SettableClock;
import dev.parley.control.dispatch.TestDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioWebhooksTest {
  static final Instant NOON_NY = Instant.parse("2026-03-10T15:00:00Z");
  static TestDatabase db;
  Fixtures fx;
  SettableClock clock;
  CountingProvider provider;
  TwilioWebhooks webhooks;
  TelephonyConfig config;
  List<String> preparedFor;

  @BeforeAll
  static void database() throws Exception {
    db = TestDatabase.create("UTC", 12);
  }

  @AfterAll
  static void drop() throws Exception {
    db.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixtures(db.dataSource());
    fx.exec("DELETE FROM organizations");
    fx.exec("DELETE FROM webhook_receipts");
    clock = new SettableClock(NOON_NY);
    provider = new CountingProvider();
    config = TestTelephony.config(URI.create("http://127.0.0.1:1"));
    preparedFor = Collections.synchronizedList(new ArrayList<>());
    DialPreparation prep =
        d -> {
          preparedFor.add(d.sessionId().toString());
          return "node-a";
        };
    MediaRouter router =
        preferred ->
            Optional.of(
                new MediaRouter.MediaRoute(
                    preferred == null ? "node-b" : preferred,
                    "wss://" + (preferred == null ? "node-b" : preferred) + ".media.example"));
    webhooks =
        new TwilioWebhooks(
            config,
            db.dataSource(),
            new AttemptOutcomes(RetryPolicy.defaults(), clock, new Random(3)),
            prep,
            router,
            provider,
            clock,
            null);
  }

  /**
   * Dials {@code n} tasks through a real dispatcher; returns {sessionId, callSid, taskId} per call.
   */
  List<String[]> dialled(int n, int firstPhone, int maxAttempts) throws Exception {
    UUID[] ou = fx.orgAndUser(clock.instant());
    fx.readyTasks(
        ou[0], ou[1], "personal", Fixtures.phones(firstPhone, n), maxAttempts, clock.instant());
    try (CallTaskDispatcher d =
        Dispatchers.create("t", db.dataSource(), provider, clock, Dispatchers.openGuards(), 100)) {
      while (d.runOnce() > 0) {
        // claim until nothing is due
      }
    }
    List<String[]> out = new ArrayList<>();
    try (var c = db.dataSource().getConnection();
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT id, provider_call_id, task_id FROM call_sessions WHERE status = 'initiated' ORDER BY id")) {
      while (rs.next()) {
        out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
    }
    assertThat(out).hasSize(n);
    return out;
  }

  WebhookResponse post(String path, Map<String, String> params) throws Exception {
    String sig = TwilioSigner.sign(TestTelephony.TOKEN, config.publicUrl(path), params);
    return webhooks.handle(path, null, params, sig);
  }

  static Map<String, String> callback(String callSid, String status, int seq, String... extra) {
    Map<String, String> p = new HashMap<>();
    p.put("AccountSid", TestTelephony.SID);
    p.put("CallSid", callSid);
    p.put("CallStatus", status);
    p.put("SequenceNumber", Integer.toString(seq));
    for (int i = 0; i < extra.length; i += 2) {
      p.put(extra[i], extra[i + 1]);
    }
    return p;
  }

  @Test
  void duplicatedAndShuffledCallbacksCompleteEachCallExactlyOnce() throws Exception {
    List<String[]> calls = dialled(25, 0, 3);
    List<String[]> deliveries = new ArrayList<>();
    for (String[] call : calls) {
      List<Map<String, String>> life =
          List.of(
              callback(call[1], "initiated", 0),
              callback(call[1], "ringing", 1),
              callback(call[1], "in-progress", 2, "AnsweredBy", "human"),
              callback(call[1], "completed", 3, "CallDuration", "42", "AnsweredBy", "human"));
      for (int copy = 0; copy < 10; copy++) {
        for (Map<String, String> p : life) {
          deliveries.add(
              new String[] {
                call[0],
                p.get("CallStatus"),
                p.get("SequenceNumber"),
                p.getOrDefault("CallDuration", ""),
                call[1]
              });
        }
      }
    }
    Collections.shuffle(deliveries, new Random(11));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<WebhookResponse>> results = new ArrayList<>();
    for (String[] d : deliveries) {
      results.add(
          pool.submit(
              () -> {
                Map<String, String> p =
                    callback(d[4], d[1], Integer.parseInt(d[2]), "AnsweredBy", "human");
                if (!d[3].isEmpty()) {
                  p.put("CallDuration", d[3]);
                }
                return post("/twilio/status/" + d[0], p);
              }));
    }
    for (Future<WebhookResponse> f : results) {
      assertThat(f.get().status()).isEqualTo(204);
    }
    pool.shutdown();

    assertThat(webhooks.duplicateCallbacks()).isEqualTo(25 * 4 * 9);
    assertThat(
            fx.count(
                "SELECT count(*) FROM call_sessions WHERE status = 'completed' AND duration_seconds = 42"
                    + " AND answered_by = 'human' AND ended_at IS NOT NULL AND started_at IS NOT NULL"))
        .isEqualTo(25);
    assertThat(fx.count("SELECT count(*) FROM call_tasks WHERE status = 'completed'"))
        .isEqualTo(25);
    // Exactly one completion per task and per session in the audit trail.
    assertThat(
            fx.count(
                "SELECT count(*) FROM call_events WHERE type = 'task.status_changed' AND to_state = 'completed'"))
        .isEqualTo(25);
    assertThat(
            fx.count(
                "SELECT count(*) FROM call_events WHERE type = 'session.status_changed' AND to_state = 'completed'"))
        .isEqualTo(25);
    assertThat(fx.count("SELECT count(*) FROM webhook_receipts")).isEqualTo(100);
  }

  @Test
  void forgedMissingAndTamperedSignaturesAre403AndChangeNothing() throws Exception {
    String[] call = dialled(1, 100, 3).get(0);
    String path = "/twilio/status/" + call[0];
    Map<String, String> p = callback(call[1], "completed", 3, "CallDuration", "10");
    long eventsBefore = fx.count("SELECT count(*) FROM call_events");

    // Missing.
    assertThat(webhooks.handle(path, null, p, null).status()).isEqualTo(403);
    assertThat(webhooks.handle(path, null, p, "").status()).isEqualTo(403);
    // Forged: signed with another account's token.
    assertThat(
            webhooks
                .handle(
                    path, null, p, TwilioSigner.sign("not-our-token", config.publicUrl(path), p))
                .status())
        .isEqualTo(403);
    // Tampered: a parameter changed after signing.
    String good = TwilioSigner.sign(TestTelephony.TOKEN, config.publicUrl(path), p);
    Map<String, String> tampered = new HashMap<>(p);
    tampered.put("CallStatus", "busy");
    assertThat(webhooks.handle(path, null, tampered, good).status()).isEqualTo(403);
    // Signed for the URL this process might see behind a proxy, not the public one Twilio used.
    assertThat(
            webhooks
                .handle(
                    path,
                    null,
                    p,
                    TwilioSigner.sign(TestTelephony.TOKEN, "http://10.0.0.7:8080" + path, p))
                .status())
        .isEqualTo(403);
    // A valid signature for another session's path does not carry over.
    assertThat(webhooks.handle("/twilio/status/" + UUID.randomUUID(), null, p, good).status())
        .isEqualTo(403);

    assertThat(webhooks.rejectedSignatures()).isEqualTo(6);
    assertThat(fx.string("SELECT status FROM call_sessions WHERE id = ?::uuid", call[0]))
        .isEqualTo("initiated");
    assertThat(fx.status(UUID.fromString(call[2]))).isEqualTo("dialing");
    assertThat(fx.count("SELECT count(*) FROM webhook_receipts")).isZero();
    assertThat(fx.count("SELECT count(*) FROM call_events")).isEqualTo(eventsBefore);

    // The same request correctly signed is accepted, also with a query string in the signed URL.
    assertThat(
            webhooks
                .handle(
                    path,
                    "x=1",
                    p,
                    TwilioSigner.sign(TestTelephony.TOKEN, config.publicUrl(path) + "?x=1", p))
                .status())
        .isEqualTo(204);
    assertThat(fx.string("SELECT status FROM call_sessions WHERE id = ?::uuid", call[0]))
        .isEqualTo("completed");
  }

  @Test
  void noAnswerRetriesUntilMaxAttemptsThenFailsWithNotification() throws Exception {
    String[] first = dialled(1, 200, 2).get(0);
    UUID task = UUID.fromString(first[2]);
    assertThat(post("/twilio/status/" + first[0], callback(first[1], "no-answer", 2)).status())
        .isEqualTo(204);
    assertThat(fx.status(task)).isEqualTo("scheduled");
    assertThat(fx.string("SELECT failure_reason FROM call_tasks WHERE id = ?", task))
        .isEqualTo("no answer");

    clock.advance(Duration.ofMinutes(3));
    try (CallTaskDispatcher d =
        Dispatchers.create("t2", db.dataSource(), provider, clock, Dispatchers.openGuards(), 10)) {
      assertThat(d.runOnce()).isEqualTo(1);
    }
    String[] second = new String[2];
    second[0] =
        fx.string("SELECT id FROM call_sessions WHERE task_id = ? AND attempt_number = 2", task);
    second[1] =
        fx.string("SELECT provider_call_id FROM call_sessions WHERE id = ?::uuid", second[0]);
    assertThat(post("/twilio/status/" + second[0], callback(second[1], "busy", 2)).status())
        .isEqualTo(204);

    assertThat(fx.status(task)).isEqualTo("failed");
    assertThat(fx.string("SELECT outcome FROM call_tasks WHERE id = ?", task)).isEqualTo("busy");
    assertThat(
            fx.count(
                "SELECT count(*) FROM notifications WHERE task_id = ? AND type = 'call_failed'",
                task))
        .isEqualTo(1);
  }

  @Test
  void voicemailRetriesWhenThePolicyIsToHangUpAndCompletesWhenAMessageIsLeft() throws Exception {
    List<String[]> calls = dialled(2, 300, 3);
    // First owner: default policy (hang_up) → retry.
    assertThat(
            post(
                    "/twilio/status/" + calls.get(0)[0],
                    callback(
                        calls.get(0)[1],
                        "completed",
                        3,
                        "AnsweredBy",
                        "machine_end_beep",
                        "CallDuration",
                        "20"))
                .status())
        .isEqualTo(204);
    assertThat(fx.status(UUID.fromString(calls.get(0)[2]))).isEqualTo("scheduled");

    // Second task's owner leaves messages.
    UUID owner =
        UUID.fromString(
            fx.string("SELECT owner_user_id FROM call_tasks WHERE id = ?::uuid", calls.get(1)[2]));
    UUID org =
        UUID.fromString(
            fx.string(
                "SELECT organization_id FROM call_tasks WHERE id = ?::uuid", calls.get(1)[2]));
    fx.exec(
        "INSERT INTO assistant_settings (user_id, organization_id, voicemail_policy, updated_at) VALUES (?, ?, 'leave_message', now())",
        owner,
        org);
    assertThat(
            post(
                    "/twilio/status/" + calls.get(1)[0],
                    callback(
                        calls.get(1)[1],
                        "completed",
                        3,
                        "AnsweredBy",
                        "machine_end_beep",
                        "CallDuration",
                        "20"))
                .status())
        .isEqualTo(204);
    assertThat(fx.status(UUID.fromString(calls.get(1)[2]))).isEqualTo("completed");
    assertThat(fx.string("SELECT outcome FROM call_tasks WHERE id = ?::uuid", calls.get(1)[2]))
        .isEqualTo("voicemail");
  }

  @Test
  void failedWithAWrongNumberErrorDoesNotRetry() throws Exception {
    String[] call = dialled(1, 400, 3).get(0);
    post("/twilio/status/" + call[0], callback(call[1], "failed", 1, "ErrorCode", "21211"));
    assertThat(fx.status(UUID.fromString(call[2]))).isEqualTo("failed");
    assertThat(fx.string("SELECT outcome FROM call_tasks WHERE id = ?::uuid", call[2]))
        .isEqualTo("wrong_number");
  }

  @Test
  void answeredCallGetsStreamTwimlWithAValidTokenOnItsPreparedNode() throws Exception {
    String[] call = dialled(1, 500, 3).get(0);
    fx.exec("UPDATE call_sessions SET media_node = 'node-a' WHERE id = ?::uuid", call[0]);
    WebhookResponse r =
        post(
            "/twilio/voice/" + call[0], callback(call[1], "in-progress", 2, "AnsweredBy", "human"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("application/xml");
    assertThat(r.body())
        .contains("<Connect><Stream url=\"wss://node-a.media.example/streams/" + call[0] + "\">")
        .contains("<Parameter name=\"callId\" value=\"" + call[0] + "\"/>")
        .contains("<Parameter name=\"direction\" value=\"outbound\"/>")
        .contains("<Parameter name=\"from\" value=\"+15005550006\"/>")
        .contains(
            "<Parameter name=\"to\" value=\"+12120000500\"/>"
                .replace("+12120000500", Fixtures.phones(500, 1).get(0)));
    Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(r.body());
    assertThat(m.find()).isTrue();
    String[] parts = m.group(1).split("\\.");
    assertThat(parts).hasSize(4);
    assertThat(parts[0]).isEqualTo("v1");
    assertThat(parts[1]).isEqualTo(call[0]);
    assertThat(Long.parseLong(parts[2]))
        .isEqualTo(NOON_NY.plus(Duration.ofMinutes(5)).getEpochSecond());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(TestTelephony.STREAM_SECRET, "HmacSHA256"));
    String expected =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                mac.doFinal(
                    (parts[0] + "." + parts[1] + "." + parts[2]).getBytes(StandardCharsets.UTF_8)));
    assertThat(parts[3]).isEqualTo(expected);
    assertThat(fx.string("SELECT answered_by FROM call_sessions WHERE id = ?::uuid", call[0]))
        .isEqualTo("human");
  }

  @Test
  void inboundCallCreatesAnInboundTaskMatchedToTheContactAndStreams() throws Exception {
    UUID[] ou = fx.orgAndUser(clock.instant());
    fx.exec("UPDATE users SET role = 'admin' WHERE id = ?", ou[1]);
    UUID contact = UUID.randomUUID();
    fx.exec(
        "INSERT INTO contacts (id, organization_id, owner_user_id, name, phone, created_at, updated_at)"
            + " VALUES (?, ?, ?, 'Dana', '+13125550199', now(), now())",
        contact,
        ou[0],
        ou[1]);
    Map<String, String> p =
        new HashMap<>(
            Map.of(
                "CallSid",
                "CAinbound0001",
                "From",
                "+13125550199",
                "To",
                "+15005550006",
                "CallStatus",
                "ringing",
                "Direction",
                "inbound",
                "AccountSid",
                TestTelephony.SID));

    WebhookResponse r = post("/twilio/inbound", p);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body())
        .contains("<Stream url=\"wss://node-a.media.example/streams/")
        .contains("<Parameter name=\"direction\" value=\"inbound\"/>")
        .contains("<Parameter name=\"from\" value=\"+13125550199\"/>");
    assertThat(
            fx.count(
                "SELECT count(*) FROM call_tasks WHERE kind = 'inbound' AND status = 'in_progress' AND contact_id = ?",
                contact))
        .isEqualTo(1);
    assertThat(
            fx.string(
                "SELECT direction || '/' || status FROM call_sessions WHERE provider_call_id = 'CAinbound0001'"))
        .isEqualTo("inbound/connected");
    assertThat(preparedFor).hasSize(1);

    // Twilio retries the webhook: same session, no second task.
    WebhookResponse again = post("/twilio/inbound", p);
    assertThat(again.body()).contains("/streams/" + preparedFor.get(0));
    assertThat(fx.count("SELECT count(*) FROM call_tasks WHERE kind = 'inbound'")).isEqualTo(1);

    // The call ends: the inbound task completes through the same status path.
    post("/twilio/status", callback("CAinbound0001", "completed", 5, "CallDuration", "61"));
    assertThat(
            fx.count(
                "SELECT count(*) FROM call_tasks WHERE kind = 'inbound' AND status = 'completed'"))
        .isEqualTo(1);
  }
}
