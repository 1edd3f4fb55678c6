package dev.parley.control.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes every error Micronaut produces itself (malformed JSON, conversion failures, missing bodies,
 * unknown routes, wrong methods, unsupported media types) an {@code application/problem+json}
 * document with the same shape as the ones services throw.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
  @Override
  public MutableHttpResponse<Problem> processResponse(
      ErrorContext errorContext, MutableHttpResponse<?> response) {
    HttpStatus status = response.status();
    List<FieldError> errors = new ArrayList<>();
    if (status.getCode() >= 500) {
      // Server faults are logged where they happen; their messages are not for clients.
      return response
          .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
          .body(
              Problem.of(
                  "internal", status.getReason(), status.getCode(), status.getReason(), errors));
    }
    for (Error error : errorContext.getErrors()) {
      errors.add(new FieldError(error.getPath().orElse(defaultField(status)), error.getMessage()));
    }
    String detail = errors.isEmpty() ? status.getReason() : errors.get(0).reason();
    Problem problem =
        Problem.of(kind(status), status.getReason(), status.getCode(), detail, errors);
    return response.contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE).body(problem);
  }

  private static String defaultField(HttpStatus status) {
    return switch (status) {
      case NOT_FOUND, METHOD_NOT_ALLOWED -> "path";
      case UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE -> "content-type";
      default -> "body";
    };
  }

  private static String kind(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "malformed-request";
      case NOT_FOUND -> "not-found";
      case METHOD_NOT_ALLOWED -> "method-not-allowed";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
      case REQUEST_ENTITY_TOO_LARGE -> "request-too-large";
      case UNPROCESSABLE_ENTITY -> "validation";
      case CONFLICT -> "conflict";
      case UNAUTHORIZED -> "unauthorized";
      case FORBIDDEN -> "forbidden";
      default -> status.getCode() >= 500 ? "internal" : "http-" + status.getCode();
    };
  }
}
