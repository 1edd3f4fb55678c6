package dev.parley.launcher;

import static dev.parley.launcher.TaskProbe.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.control.dispatch.RawDataSource;
import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.launcher.support.IsolatedDatabase;
import dev.parley.simulation.persona.PersonaCatalog;
import dev.parley.simulation.persona.SimulatedNumbers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Whole calls through every real part on this machine: the control plane's REST API, dispatcher,
 * Twilio webhooks and conversation loop; a media server over the binary protocol; and the Twilio
 * emulator (SIMULATION) dialling scripted personas that speak with the offline synthesiser, heard
 * through the scripted recogniser after real VAD segmentation. Each test asserts what was stored.
 * Calls are real time, so tests on different numbers run concurrently.
 */
@Execution(ExecutionMode.CONCURRENT)
class WholeCallEndToEndTest {
  private static final PersonaCatalog CATALOG = PersonaCatalog.standard();

  private static ParleyLauncher.RunningParley parley;

  @BeforeAll
  static void start() throws Exception {
    Map<String, Object> fast = new LinkedHashMap<>(IsolatedDatabase.properties());
    // Under JUnit the control plane starts in the test environment, whose loops default to off.
    fast.put("parley.media-link.enabled", true);
    fast.put("parley.dispatcher.enabled", true);
    fast.put("parley.watchdog.enabled", true);
    fast.put("parley.retry.base", "2s");
    fast.put("parley.retry.max", "4s");
    fast.put("parley.retry.jitter", 0.0);
    fast.put("parley.conversation.silence-timeout", "3s");
    fast.put("parley.conversation.approval-poll", "200ms");
    fast.put("parley.dispatcher.idle-poll", "200ms");
    parley = ParleyLauncher.RunningParley.start(System.getenv(), true, fast);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!parley.mediaServer.controlConnected() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(parley.mediaServer.controlConnected()).as("media link up").isTrue();
  }

  @AfterAll
  static void stop() {
    if (parley != null) {
      parley.close();
    }
  }

  @Test
  @ResourceLock("dental-line")
  void booksTheCleaningAndStoresWhatWasAgreed() throws Exception {
    DemoOwner owner = owner(PersonaCatalog.DENTAL);
    JsonNode contact =
        owner
            .api()
            .post(
                "/api/v1/contacts",
                Map.of(
                    "name", "Bright Smile Dental",
                    "phone", PersonaCatalog.DENTAL,
                    "kind", "business"));
    String taskId =
        create(
            owner,
            Map.of(
                "instruction",
                "Call Bright Smile Dental and book the earliest cleaning, under $150"));
    JsonNode task = settled(owner, taskId).path("task");
    assertThat(task.path("contactId").asText()).isEqualTo(contact.path("id").asText());
    assertThat(task.path("status").asText()).isEqualTo("completed");
    assertThat(task.path("outcome").asText()).isEqualTo("goal_achieved");
    assertThat(task.path("goalAchieved").asBoolean()).isTrue();
    assertThat(task.path("summary").asText()).contains("B74X9");
    assertThat(new BigDecimal(task.path("actualCost").asText())).isPositive();

    JsonNode session = lastSession(owner, taskId);
    Map<String, String> data = data(session);
    assertThat(data).containsEntry("price", "120").containsEntry("confirmation_number", "B74X9");
    OffsetDateTime when = OffsetDateTime.parse(data.get("appointment_time"));
    assertThat(when.getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
    assertThat(when.toLocalTime()).hasToString("10:30");
    assertThat(data.get("contact_person")).isEqualTo("Maria");

    List<JsonNode> segments = list(session.path("transcript"));
    assertThat(segments).isNotEmpty();
    assertThat(text(segments, "assistant")).contains("AI assistant");
    assertThat(text(segments, "human"))
        .contains("Bright Smile Dental, this is Maria speaking")
        .contains("confirmation number is B as in bravo");
    assertThat(notificationTypes(owner, taskId)).contains("call_completed");
  }

  @Test
  void asksForTheMissingNumberFirstThenCalls() throws Exception {
    DemoOwner owner = owner(PersonaCatalog.GYM);
    String taskId =
        create(
            owner,
            Map.of("instruction", "Call the gym and ask how much a monthly membership costs"));
    JsonNode created = owner.api().get("/api/v1/call-tasks/" + taskId).path("task");
    assertThat(created.path("status").asText()).isEqualTo("waiting_for_user");
    assertThat(created.path("missing").toString()).contains("phone");
    assertThat(created.path("attemptCount").asInt()).isZero();

    owner
        .api()
        .patch(
            "/api/v1/call-tasks/" + taskId + "/clarifications",
            Map.of("phone", PersonaCatalog.GYM));
    JsonNode task = settled(owner, taskId).path("task");
    assertThat(task.path("status").asText()).isEqualTo("completed");
    assertThat(text(list(lastSession(owner, taskId).path("transcript")), "human"))
        .contains("monthly membership is 49 dollars");
    assertThat(data(lastSession(owner, taskId))).containsEntry("price", "49");
  }

  @Test
  @ResourceLock("dental-line")
  void retriesAfterNoAnswerThenSucceeds() throws Exception {
    var directory = parley.emulator.callees();
    var dental = CATALOG.find(PersonaCatalog.DENTAL).orElseThrow();
    var nobody = CATALOG.find(PersonaCatalog.NO_ANSWER).orElseThrow();
    directory.register(PersonaCatalog.DENTAL, nobody.behaviour());
    try {
      DemoOwner owner = owner(PersonaCatalog.DENTAL);
      String taskId =
          create(
              owner,
              Map.of(
                  "instruction",
                  "Call Bright Smile Dental and book a cleaning, under $150",
                  "phone",
                  PersonaCatalog.DENTAL,
                  "maxAttempts",
                  3));
      awaitSession(owner, taskId, 1, "no_answer");
      directory.register(PersonaCatalog.DENTAL, dental.behaviour());
      JsonNode details = settled(owner, taskId);
      JsonNode task = details.path("task");
      assertThat(task.path("status").asText()).isEqualTo("completed");
      assertThat(task.path("outcome").asText()).isEqualTo("goal_achieved");
      List<JsonNode> sessions = list(details.path("sessions"));
      assertThat(sessions).hasSizeGreaterThanOrEqualTo(2);
      assertThat(sessions.get(0).path("status").asText()).isEqualTo("no_answer");
      assertThat(sessions.get(sessions.size() - 1).path("status").asText()).isEqualTo("completed");
      assertThat(task.path("attemptCount").asInt()).isEqualTo(sessions.size());
    } finally {
      directory.register(PersonaCatalog.DENTAL, dental.behaviour());
    }
  }

  @Test
  void aBusyLineFailsOnceItsAttemptsAreUsed() throws Exception {
    DemoOwner owner = owner(PersonaCatalog.BUSY);
    String taskId =
        create(
            owner,
            Map.of(
                "instruction",
                "Call the office and book a cleaning",
                "phone",
                PersonaCatalog.BUSY,
                "maxAttempts",
                2));
    JsonNode details = settled(owner, taskId);
    JsonNode task = details.path("task");
    assertThat(task.path("status").asText()).isEqualTo("failed");
    assertThat(task.path("outcome").asText()).isEqualTo("busy");
    assertThat(list(details.path("sessions")))
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.path("status").asText()).isEqualTo("busy"));
    assertThat(notificationTypes(owner, taskId)).contains("call_failed");
  }

  @Test
  void leavesAVoicemailWhenTheSettingsSaySo() throws Exception {
    DemoOwner owner = owner(PersonaCatalog.VOICEMAIL);
    String taskId =
        call(
            owner,
            PersonaCatalog.VOICEMAIL,
            "Call Sam Carter to remind him about the barbecue on Saturday at 4pm");
    JsonNode task = settled(owner, taskId).path("task");
    assertThat(task.path("status").asText()).isEqualTo("completed");
    assertThat(task.path("outcome").asText()).isEqualTo("voicemail");
    List<JsonNode> segments = list(lastSession(owner, taskId).path("transcript"));
    assertThat(text(segments, "human")).contains("leave a message after the tone");
    // The message itself follows the greeting and names who it is for.
    JsonNode last = segments.get(segments.size() - 1);
    assertThat(last.path("speaker").asText()).isEqualTo("assistant");
    assertThat(last.path("text").asText()).contains("Alex");
  }

  @Test
  void navigatesAPhoneMenuByDigits() throws Exception {
    DemoOwner owner = owner(PersonaCatalog.IVR);
    String taskId =
        call(owner, PersonaCatalog.IVR, "Call City Dental and book a cleaning appointment");
    JsonNode task = settled(owner, taskId).path("task");
    assertThat(task.path("status").asText()).isEqualTo("completed");
    JsonNode session = lastSession(owner, taskId);
    assertThat(events(session, "conversation.dtmf_sent"))
        .anySatisfy(e -> assertThat(e.path("detail").path("digits").asText()).isEqualTo("1"));
    assertThat(text(list(session.path("transcript")), "human"))
        .contains("Appointments desk, this is Jenny");
  }

  @Test
  void aPriceOverTheLimitWaitsForTheOwnerApprovedThenDeclined() throws Exception {
    for (boolean approve : new boolean[] {true, false}) {
      DemoOwner owner = owner(PersonaCatalog.DENTAL_OVER_LIMIT);
      String taskId =
          call(
              owner,
              PersonaCatalog.DENTAL_OVER_LIMIT,
              "Call Bright Smile Dental and book a cleaning, under $150");
      JsonNode approval = awaitApproval(owner, taskId);
      assertThat(new BigDecimal(approval.path("amount").asText())).isEqualByComparingTo("240");
      assertThat(notificationTypes(owner, taskId)).contains("call_approval_needed");
      // The agent holds the line while the owner thinks: still pending and in progress a few
      // approval polls later.
      Thread.sleep(1500);
      JsonNode holding = owner.api().get("/api/v1/call-tasks/" + taskId);
      assertThat(holding.path("task").path("status").asText()).isEqualTo("in_progress");
      assertThat(holding.path("approvals").get(0).path("status").asText()).isEqualTo("pending");
      owner
          .api()
          .post(
              "/api/v1/call-tasks/"
                  + taskId
                  + "/approvals/"
                  + approval.path("id").asText()
                  + (approve ? "/approve" : "/decline"),
              Map.of());
      JsonNode task = settled(owner, taskId).path("task");
      assertThat(task.path("status").asText()).isEqualTo("completed");
      if (approve) {
        assertThat(task.path("outcome").asText()).isEqualTo("goal_achieved");
        assertThat(data(lastSession(owner, taskId))).containsEntry("price", "240");
      } else {
        assertThat(task.path("outcome").asText()).isEqualTo("declined");
        assertThat(task.path("goalAchieved").asBoolean()).isFalse();
      }
    }
  }

  @Test
  void anInterruptionKeepsOnlyWhatWasHeard() throws Exception {
    DemoOwner owner = owner(PersonaCatalog.INTERRUPTS);
    String taskId =
        call(
            owner,
            PersonaCatalog.INTERRUPTS,
            "Call Chris and find a time this week for the quarterly review meeting, an hour long");
    settled(owner, taskId);
    List<JsonNode> segments = list(lastSession(owner, taskId).path("transcript"));
    List<JsonNode> cut =
        segments.stream()
            .filter(s -> s.path("speaker").asText().equals("assistant"))
            .filter(s -> s.path("interrupted").asBoolean())
            .filter(s -> s.path("meta").path("barge_in").asBoolean())
            .toList();
    assertThat(cut).isNotEmpty();
    for (JsonNode s : cut) {
      String full = s.path("meta").path("full_text").asText();
      assertThat(s.path("heardMs").asInt()).isPositive();
      assertThat(full).startsWith(s.path("text").asText());
      assertThat(s.path("text").asText().length()).isLessThan(full.length());
    }
    assertThat(text(segments, "human")).contains("Sorry to cut in");
  }

  @Test
  void aCalleeHangingUpMidSentenceLosesNothing() throws Exception {
    DemoOwner owner = owner(PersonaCatalog.HANGS_UP_MID_SENTENCE);
    String taskId =
        call(
            owner,
            PersonaCatalog.HANGS_UP_MID_SENTENCE,
            "Call Pat and book the annual check-up appointment");
    JsonNode task = settled(owner, taskId).path("task");
    assertThat(task.path("status").asText()).isEqualTo("completed");
    assertThat(task.path("goalAchieved").asBoolean()).isFalse();
    List<JsonNode> segments = list(lastSession(owner, taskId).path("transcript"));
    assertThat(text(segments, "human")).contains("Hello, who's calling?");
    assertThat(text(segments, "assistant")).contains("AI assistant");
    assertThat(task.path("followUpRequired").asBoolean()).isTrue();
  }

  @Test
  void aCalleeHangingUpAsTheAudioReachesThemIsStillWrittenUp() throws Exception {
    // Answers, and hangs up the moment the stream opens: before the greeting's first mark and
    // before a word, so the node's CALL_STATS and SESSION_END are all the control plane hears of
    // the call (what a slow stream set-up did to the mid-sentence persona at load 10). The status
    // callback completes the task; the write-up must still give it an outcome and a summary.
    String number = SimulatedNumbers.number(61);
    parley
        .emulator
        .callees()
        .register(number, CalleeBehaviour.human("Hello?").hangUpAfter(Duration.ZERO).build());
    DemoOwner owner = owner(number);
    String taskId = call(owner, number, "Call Sam and ask whether the garden party is on Sunday");
    JsonNode details = settled(owner, taskId);
    JsonNode task = details.path("task");
    assertThat(task.path("status").asText()).isEqualTo("completed");
    assertThat(task.path("outcome").asText()).isEqualTo("no_answer");
    assertThat(task.path("summary").asText()).isNotBlank();
    assertThat(task.path("followUpRequired").asBoolean()).isTrue();
    // The write-up settled the task; the provider's own callback completes the session, once.
    awaitSession(owner, taskId, 1, "completed");
    JsonNode after = owner.api().get("/api/v1/call-tasks/" + taskId);
    assertThat(list(after.path("sessions"))).hasSize(1);
    assertThat(after.path("task").path("attemptCount").asInt()).isEqualTo(1);
    assertThat(events(lastSession(owner, taskId), "call.analysed")).hasSize(1);
  }

  @Test
  void stopCallingMePutsTheNumberOnTheDoNotCallList() throws Exception {
    DemoOwner owner = owner(PersonaCatalog.DO_NOT_CALL);
    String taskId =
        call(
            owner,
            PersonaCatalog.DO_NOT_CALL,
            "Call Jamie and ask whether the quote for the fence is ready");
    JsonNode task = settled(owner, taskId).path("task");
    assertThat(task.path("status").asText()).isEqualTo("completed");
    assertThat(task.path("outcome").asText()).isEqualTo("declined");
    assertThat(onDoNotCallList(owner.organizationId(), PersonaCatalog.DO_NOT_CALL)).isTrue();
    // The owner sees it on the list through the API, and the change log names the call.
    JsonNode listed =
        owner
            .api()
            .get("/api/v1/do-not-call?phone=" + PersonaCatalog.DO_NOT_CALL.replace("+", "%2B"));
    assertThat(listed.path("total").asInt()).isEqualTo(1);
    JsonNode change = owner.api().get("/api/v1/number-list-changes").path("items").path(0);
    assertThat(change.path("phone").asText()).isEqualTo(PersonaCatalog.DO_NOT_CALL);
    assertThat(change.path("action").asText()).isEqualTo("added");
    assertThat(change.path("sessionId").asText())
        .isEqualTo(lastSession(owner, taskId).path("session").path("id").asText());
    // A new task to the number is refused at dial time and never rings.
    String again = call(owner, PersonaCatalog.DO_NOT_CALL, "Call Jamie about the fence");
    JsonNode refused = settled(owner, again).path("task");
    assertThat(refused.path("status").asText()).isEqualTo("failed");
    assertThat(refused.path("failureReason").asText()).contains("do_not_call");
  }

  @Test
  void aWrongNumberFailsWithoutRetrying() throws Exception {
    DemoOwner owner = owner(PersonaCatalog.WRONG_NUMBER);
    String taskId =
        create(
            owner,
            Map.of(
                "instruction",
                "Call Morgan and ask about the book club on Thursday",
                "phone",
                PersonaCatalog.WRONG_NUMBER,
                "maxAttempts",
                3));
    JsonNode details = settled(owner, taskId);
    JsonNode task = details.path("task");
    assertThat(task.path("status").asText()).isEqualTo("failed");
    assertThat(task.path("outcome").asText()).isEqualTo("wrong_number");
    assertThat(list(details.path("sessions"))).hasSize(1);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static DemoOwner owner(String... numbers) throws Exception {
    return DemoOwner.create(parley.controlPlane, parley.httpPort(), numbers);
  }

  /** Asks Parley to call {@code phone} with {@code instruction}; returns the task id. */
  private static String call(DemoOwner owner, String phone, String instruction) throws Exception {
    return create(owner, Map.of("instruction", instruction, "phone", phone));
  }

  private static String create(DemoOwner owner, Map<String, Object> body) throws Exception {
    return owner.api().post("/api/v1/call-tasks", body).path("task").path("id").asText();
  }

  private static boolean onDoNotCallList(UUID organizationId, String phone) throws Exception {
    DataSource ds = RawDataSource.of(parley.controlPlane.getBean(DataSource.class));
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT 1 FROM do_not_call_numbers WHERE organization_id = ? AND phone = ?")) {
      ps.setObject(1, organizationId);
      ps.setString(2, phone);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
