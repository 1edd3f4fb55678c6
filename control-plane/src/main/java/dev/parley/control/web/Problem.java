package dev.parley.control.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.UUID;

/**
 * An RFC 9457 problem document, the body of every error response.
 *
 * <p>{@code currentState} and {@code existingTaskId} are extension members: a client that hits a
 * conflict learns the state it conflicted with without a second request.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    List<FieldError> errors,
    @Nullable String currentState,
    @Nullable UUID existingTaskId) {

  /** Base of the {@code type} URIs; the suffix names the kind of problem. */
  public static final String TYPE_BASE = "https://parley.dev/problems/";

  /** A problem without extension members. */
  public static Problem of(
      String kind, String title, int status, String detail, List<FieldError> errors) {
    return new Problem(TYPE_BASE + kind, title, status, detail, List.copyOf(errors), null, null);
  }
}
