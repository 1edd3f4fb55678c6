package dev.parley.control.web;

import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.UUID;

/**
 * A rule violation that is reported to the client as a problem document. Services throw it; the
 * {@link ProblemExceptionHandler} turns it into the response.
 */
public class ProblemException extends RuntimeException {
  private final Problem problem;
  private final long retryAfterSeconds;

  public ProblemException(Problem problem) {
    this(problem, 0);
  }

  private ProblemException(Problem problem, long retryAfterSeconds) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds for the {@code Retry-After} header, or 0 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Problem problem() {
    return problem;
  }

  public HttpStatus status() {
    return HttpStatus.valueOf(problem.status());
  }

  /** 404 for a resource that does not exist or belongs to another organisation. */
  public static ProblemException notFound(String resource, UUID id) {
    return new ProblemException(
        Problem.of(
            "not-found", "Not Found", 404, resource + " " + id + " was not found", List.of()));
  }

  /** 422 naming the field whose value was refused. */
  public static ProblemException invalidField(String field, String reason) {
    return new ProblemException(
        Problem.of(
            "validation",
            "Unprocessable Entity",
            422,
            field + ": " + reason,
            List.of(new FieldError(field, reason))));
  }

  /** 409 for a request that conflicts with the current state of a resource. */
  public static ProblemException conflict(String detail, String currentState, UUID existingTaskId) {
    return new ProblemException(
        new Problem(
            Problem.TYPE_BASE + "conflict",
            "Conflict",
            409,
            detail,
            List.of(),
            currentState,
            existingTaskId));
  }

  /** 429 for a caller over a rate limit, with the seconds until one more is allowed. */
  public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ProblemException(
        Problem.of("rate-limited", "Too Many Requests", 429, detail, List.of()), retryAfterSeconds);
  }

  /** 403 for an authenticated caller without the required role. */
  public static ProblemException forbidden(String detail) {
    return new ProblemException(Problem.of("forbidden", "Forbidden", 403, detail, List.of()));
  }

  /** 401 for a request without a valid API key. */
  public static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.of("unauthorized", "Unauthorized", 401, detail, List.of()));
  }
}
