package dev.parley.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.agent.analysis.CallAnalysis;
import dev.parley.control.conversation.ConversationObserver;
import dev.parley.control.conversation.Conversations;
import dev.parley.simulation.persona.PersonaCatalog;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The README demo: a demo owner with contacts, then one task in plain words ("Call Bright Smile
 * Dental and book the earliest cleaning this week, under $150") taken through Parley's REST API
 * from plan to write-up, printing each step as it happens. With the Twilio emulator the dental
 * office is a scripted persona (SIMULATION); nothing leaves the machine.
 */
final class DemoCall {
  static final String INSTRUCTION =
      "Call Bright Smile Dental and book the earliest cleaning this week, under $150";
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final ApplicationContext context;
  private final int httpPort;
  private final PrintStream out;

  DemoCall(ApplicationContext context, int httpPort, PrintStream out) {
    this.context = context;
    this.httpPort = httpPort;
    this.out = out;
  }

  /** What the demo ended with. */
  record Result(
      String taskId, String status, String outcome, boolean goalAchieved, String apiKey) {}

  Result run() throws Exception {
    DemoOwner owner = DemoOwner.create(context, httpPort, PersonaCatalog.DENTAL);
    ApiClient api = owner.api();
    String key = owner.apiKey();
    out.println("\n== Demo: a call from plain words to a written-up result (SIMULATION callee)");
    out.println("demo owner Alex Morgan, API key " + key);
    api.post(
        "/api/v1/contacts",
        Map.of(
            "name", "Bright Smile Dental",
            "company", "Bright Smile Dental",
            "phone", PersonaCatalog.DENTAL,
            "kind", "business",
            "notes", "Dentist; Maria at the front desk"));
    api.post(
        "/api/v1/contacts",
        Map.of(
            "name", "Iron Peak Fitness",
            "company", "Iron Peak Fitness",
            "phone", PersonaCatalog.GYM,
            "kind", "business"));
    out.println("contacts: Bright Smile Dental " + PersonaCatalog.DENTAL + ", Iron Peak Fitness");

    Conversations conversations = context.getBean(Conversations.class);
    conversations.observe(new Printer(out));

    out.println("\ntask: \"" + INSTRUCTION + "\"");
    JsonNode task = api.post("/api/v1/call-tasks", Map.of("instruction", INSTRUCTION)).path("task");
    String taskId = task.path("id").asText();
    JsonNode plan = task.path("plan");
    out.printf(
        "planned: goal \"%s\"; calling %s; limit %s; status %s%n",
        plan.path("goal").asText(),
        task.path("targetPhone").asText(),
        task.path("maxPrice").isMissingNode() || task.path("maxPrice").isNull()
            ? "none"
            : "$" + task.path("maxPrice").asText(),
        task.path("status").asText());

    String lastTask = task.path("status").asText();
    Map<String, String> lastSession = new LinkedHashMap<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    JsonNode details = null;
    while (System.nanoTime() < deadline) {
      details = api.get("/api/v1/call-tasks/" + taskId);
      String status = details.path("task").path("status").asText();
      for (JsonNode s : details.path("sessions")) {
        String id = s.path("id").asText();
        String st = s.path("status").asText();
        if (!Objects.equals(lastSession.put(id, st), st)) {
          String why = s.path("failureReason").asText("");
          out.println(
              "[attempt "
                  + s.path("attemptNumber").asInt()
                  + "] "
                  + describe(st)
                  + (why.isEmpty() || why.equals("null") ? "" : " (" + why + ")"));
        }
      }
      if (!status.equals(lastTask)) {
        out.println("task: " + lastTask + " -> " + status);
        lastTask = status;
      }
      boolean done = status.equals("completed") || status.equals("failed");
      if (done && details.path("task").hasNonNull("summary")) {
        break;
      }
      Thread.sleep(200);
    }
    if (details == null) {
      throw new IllegalStateException("no task details");
    }
    JsonNode t = details.path("task");
    out.println("\n== Result");
    out.println("status:        " + t.path("status").asText());
    out.println("outcome:       " + t.path("outcome").asText("(none)"));
    out.println("goal achieved: " + t.path("goalAchieved").asText("unknown"));
    out.println("summary:       " + t.path("summary").asText("(none)"));
    out.println(
        "cost:          $" + t.path("actualCost").asText("0") + " " + t.path("costBreakdown"));
    JsonNode sessions = details.path("sessions");
    if (sessions.size() > 0) {
      String sessionId = sessions.get(sessions.size() - 1).path("id").asText();
      JsonNode session = api.get("/api/v1/call-sessions/" + sessionId);
      out.println("extracted data:");
      for (JsonNode d : session.path("extractedData")) {
        out.printf("  %-20s %s%n", d.path("key").asText(), d.path("value").asText());
      }
      out.println("transcript stored: " + session.path("transcript").size() + " segments");
    }
    return new Result(
        taskId,
        t.path("status").asText(),
        t.path("outcome").asText(null),
        t.path("goalAchieved").asBoolean(false),
        key);
  }

  private static String describe(String sessionStatus) {
    return switch (sessionStatus) {
      case "initiated" -> "dialling";
      case "ringing" -> "ringing";
      case "connected" -> "connected";
      default -> "call " + sessionStatus;
    };
  }

  /** Prints the conversation as it happens. */
  private static final class Printer implements ConversationObserver {
    private final PrintStream out;

    Printer(PrintStream out) {
      this.out = out;
    }

    @Override
    public void agentSaid(UUID taskId, UUID sessionId, String text) {
      out.println("  agent:  " + text);
    }

    @Override
    public void calleeSaid(UUID taskId, UUID sessionId, String text) {
      out.println("  callee: " + text);
    }

    @Override
    public void bargeIn(UUID taskId, UUID sessionId, String heard, int msHeard) {
      out.println("  (interrupted after " + msHeard + " ms; heard: \"" + heard + "\")");
    }

    @Override
    public void digitsSent(UUID taskId, UUID sessionId, String digits) {
      out.println("  agent pressed " + digits);
    }

    @Override
    public void approvalRequested(
        UUID taskId, UUID sessionId, UUID approvalId, BigDecimal amount, String reason) {
      out.println("  (asking the owner to approve $" + amount + ": " + reason + ")");
    }

    @Override
    public void ended(UUID taskId, UUID sessionId, String reason, CallAnalysis analysis) {
      out.println(
          "  (call ended: "
              + reason
              + "; goal "
              + (analysis.goalAchieved() ? "achieved" : "not achieved")
              + ")");
    }
  }
}
