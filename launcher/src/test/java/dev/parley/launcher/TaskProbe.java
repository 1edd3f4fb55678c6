package dev.parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the whole-call tests ask Parley's REST API while a call runs and after it ends: waiting for
 * a task to settle, an attempt or an approval to appear, and reading the stored session back.
 */
public final class TaskProbe {
  /** Real-time calls: generous, a loaded build machine synthesises slowly. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(150);

  private TaskProbe() {}

  /** Waits until the task is completed (and written up) or failed. */
  public static JsonNode settled(DemoOwner owner, String taskId) throws Exception {
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    JsonNode d = null;
    while (System.nanoTime() < deadline) {
      d = owner.api().get("/api/v1/call-tasks/" + taskId);
      String status = d.path("task").path("status").asText();
      if (status.equals("failed")
          || status.equals("completed") && d.path("task").hasNonNull("summary")) {
        return d;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("task " + taskId + " did not settle in time: " + d);
  }

  public static void awaitSession(DemoOwner owner, String taskId, int attempt, String status)
      throws Exception {
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode s : owner.api().get("/api/v1/call-tasks/" + taskId).path("sessions")) {
        if (s.path("attemptNumber").asInt() == attempt
            && s.path("status").asText().equals(status)) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("attempt " + attempt + " of " + taskId + " never became " + status);
  }

  public static JsonNode awaitApproval(DemoOwner owner, String taskId) throws Exception {
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode a : owner.api().get("/api/v1/call-tasks/" + taskId).path("approvals")) {
        if (a.path("status").asText().equals("pending") && !a.path("sessionId").isNull()) {
          return a;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no in-call approval was requested for " + taskId);
  }

  public static JsonNode lastSession(DemoOwner owner, String taskId) throws Exception {
    List<JsonNode> sessions =
        list(owner.api().get("/api/v1/call-tasks/" + taskId).path("sessions"));
    assertThat(sessions).isNotEmpty();
    return owner
        .api()
        .get("/api/v1/call-sessions/" + sessions.get(sessions.size() - 1).path("id").asText());
  }

  public static Map<String, String> data(JsonNode session) {
    Map<String, String> m = new LinkedHashMap<>();
    session
        .path("extractedData")
        .forEach(d -> m.put(d.path("key").asText(), d.path("value").asText()));
    return m;
  }

  public static String text(List<JsonNode> segments, String speaker) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode s : segments) {
      if (s.path("speaker").asText().equals(speaker)) {
        sb.append(s.path("text").asText()).append('\n');
      }
    }
    return sb.toString();
  }

  public static List<JsonNode> events(JsonNode session, String type) {
    return list(session.path("events")).stream()
        .filter(e -> e.path("type").asText().equals(type))
        .toList();
  }

  public static List<String> notificationTypes(DemoOwner owner, String taskId) throws Exception {
    List<String> types = new ArrayList<>();
    for (JsonNode n : owner.api().get("/api/v1/notifications?limit=100").path("items")) {
      if (taskId.equals(n.path("taskId").asText())) {
        types.add(n.path("type").asText());
      }
    }
    return types;
  }

  public static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
