package dev.parley.control.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Bean-validation failures become a 422 problem whose {@code errors} name the JSON field (or query
 * parameter) that failed, without the Java method and parameter names in front.
 */
@Produces
@Singleton
@Replaces(ConstraintExceptionHandler.class)
final class ConstraintViolationProblemHandler
    implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {
  @Override
  public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
    List<FieldError> errors =
        exception.getConstraintViolations().stream()
            .map(v -> new FieldError(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::reason))
            .toList();
    String detail =
        errors.isEmpty()
            ? "request is invalid"
            : errors.get(0).field() + ": " + errors.get(0).reason();
    return ProblemResponses.of(
        Problem.of("validation", "Unprocessable Entity", 422, detail, errors));
  }

  static String fieldOf(ConstraintViolation<?> violation) {
    StringBuilder field = new StringBuilder();
    String parameter = null;
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.PARAMETER) {
        parameter = node.getName();
      } else if (node.getKind() == ElementKind.PROPERTY
          || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
        if (node.getName() == null || node.getName().startsWith("<")) {
          continue;
        }
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(node.getName());
        if (node.getIndex() != null) {
          field.append('[').append(node.getIndex()).append(']');
        }
      }
    }
    if (!field.isEmpty()) {
      return field.toString();
    }
    return parameter != null ? parameter : "request";
  }
}
