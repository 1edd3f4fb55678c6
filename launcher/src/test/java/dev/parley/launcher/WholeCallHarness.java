package dev.parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole real-time calls for tests outside this package: starts the control plane (loops on, short
 * retry and silence timings, as {@code WholeCallEndToEndTest} does), the media server and the
 * Twilio emulator (SIMULATION) in one process, and places tasks through the REST API as a demo
 * owner.
 */
public final class WholeCallHarness implements AutoCloseable {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(150);

  private final ParleyLauncher.RunningParley parley;

  private WholeCallHarness(ParleyLauncher.RunningParley parley) {
    this.parley = parley;
  }

  /** Starts everything with {@code properties} over the control plane's (e.g. the brains). */
  public static WholeCallHarness start(Map<String, Object> properties) throws Exception {
    Map<String, Object> p = new LinkedHashMap<>();
    // Under JUnit the control plane starts in the test environment, whose loops default to off.
    p.put("parley.media-link.enabled", true);
    p.put("parley.dispatcher.enabled", true);
    p.put("parley.watchdog.enabled", true);
    p.put("parley.retry.base", "2s");
    p.put("parley.retry.max", "4s");
    p.put("parley.retry.jitter", 0.0);
    p.put("parley.conversation.silence-timeout", "3s");
    p.put("parley.conversation.approval-poll", "200ms");
    p.put("parley.dispatcher.idle-poll", "200ms");
    p.putAll(properties);
    ParleyLauncher.RunningParley parley =
        ParleyLauncher.RunningParley.start(System.getenv(), true, p);
    WholeCallHarness h = new WholeCallHarness(parley);
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!parley.mediaServer.controlConnected() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(parley.mediaServer.controlConnected()).as("media link up").isTrue();
    } catch (Throwable t) {
      h.close();
      throw t;
    }
    return h;
  }

  /** A new demo owner (Alex Morgan, New York) with {@code numbers} on the allow-list. */
  public Owner owner(String... numbers) throws Exception {
    return new Owner(DemoOwner.create(parley.controlPlane, parley.httpPort(), numbers));
  }

  /** Parley's own number: what inbound calls dial. */
  public String parleyNumber() {
    return ParleyLauncher.RunningParley.parleyNumber(parley.controlPlane);
  }

  /** SIMULATION: the persona at {@code from} calls Parley's number through the emulator. */
  public void callIn(String from) {
    parley.emulator.placeInboundCall(from, parleyNumber());
  }

  @Override
  public void close() {
    parley.close();
  }

  /** One demo owner's view of the REST API. */
  public static final class Owner {
    private final DemoOwner owner;

    private Owner(DemoOwner owner) {
      this.owner = owner;
    }

    public JsonNode get(String path) throws Exception {
      return owner.api().get(path);
    }

    public JsonNode post(String path, Object body) throws Exception {
      return owner.api().post(path, body);
    }

    public JsonNode put(String path, Object body) throws Exception {
      return owner.api().put(path, body);
    }

    public JsonNode patch(String path, Object body) throws Exception {
      return owner.api().patch(path, body);
    }

    /** Creates a call task; its id. */
    public String createTask(Map<String, Object> body) throws Exception {
      return post("/api/v1/call-tasks", body).path("task").path("id").asText();
    }

    /** Waits until the task is completed (and written up) or failed; its details. */
    public JsonNode settled(String taskId) throws Exception {
      long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
      JsonNode d = null;
      while (System.nanoTime() < deadline) {
        d = get("/api/v1/call-tasks/" + taskId);
        String status = d.path("task").path("status").asText();
        if (status.equals("failed")
            || status.equals("completed") && d.path("task").hasNonNull("summary")) {
          return d;
        }
        Thread.sleep(200);
      }
      throw new AssertionError("task " + taskId + " did not settle in time: " + d);
    }

    /** The task's last call session, with its transcript, data and events. */
    public JsonNode lastSession(String taskId) throws Exception {
      List<JsonNode> sessions = list(get("/api/v1/call-tasks/" + taskId).path("sessions"));
      assertThat(sessions).isNotEmpty();
      return get("/api/v1/call-sessions/" + sessions.get(sessions.size() - 1).path("id").asText());
    }
  }

  /** A session's extracted data as key to value. */
  public static Map<String, String> data(JsonNode session) {
    return TaskProbe.data(session);
  }

  /** What {@code speaker} ("assistant" or "human") said in a session, a line per segment. */
  public static String text(JsonNode session, String speaker) {
    return TaskProbe.text(list(session.path("transcript")), speaker);
  }

  /** A session's events of one type. */
  public static List<JsonNode> events(JsonNode session, String type) {
    return TaskProbe.events(session, type);
  }

  public static List<JsonNode> list(JsonNode array) {
    return TaskProbe.list(array);
  }
}
