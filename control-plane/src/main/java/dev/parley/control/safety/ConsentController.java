package dev.parley.control.safety;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.control.auth.Caller;
import dev.parley.control.task.CallTaskService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The consents and attestations recorded for a call task (recording, calling, B2B attestation), so
 * an owner or an admin reviewing a call can see what was declared before it was placed.
 */
@Controller("/api/v1/call-tasks/{taskId}/consents")
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsentController {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final CallTaskService tasks;
  private final ConsentRepository consents;

  ConsentController(CallTaskService tasks, ConsentRepository consents) {
    this.tasks = tasks;
    this.consents = consents;
  }

  /** A consent as the API shows it. */
  @Serdeable
  record ConsentView(
      UUID id,
      String kind,
      boolean granted,
      @Nullable String phone,
      @Nullable UUID userId,
      Map<String, Object> detail,
      @Nullable String clientIp,
      Instant recordedAt) {
    static ConsentView of(Consent c) {
      return new ConsentView(
          c.id(),
          c.kind(),
          c.granted(),
          c.phone(),
          c.userId(),
          detail(c.detail()),
          c.clientIp(),
          c.recordedAt());
    }

    private static Map<String, Object> detail(String json) {
      try {
        return json == null ? Map.of() : JSON.readValue(json, OBJECT);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a stored consent's detail is not a JSON object", e);
      }
    }
  }

  /** The task's consents, oldest first; 404 for a task of another organisation. */
  @Get
  List<ConsentView> list(Caller caller, UUID taskId) {
    UUID org = tasks.get(caller, taskId).getOrganizationId();
    return consents.findByTaskId(taskId).stream()
        .filter(c -> c.organizationId().equals(org))
        .sorted(Comparator.comparing(Consent::recordedAt).thenComparing(Consent::id))
        .map(ConsentView::of)
        .toList();
  }
}
