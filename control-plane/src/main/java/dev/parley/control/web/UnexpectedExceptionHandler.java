package dev.parley.control.web;

import dev.parley.control.infra.SqlErrors;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last line of defence: a database constraint that a service did not check first becomes a 409 or
 * 422 (the schema is the final judge of integrity), anything else a 500 problem that leaks no
 * internals. Both are logged, since either one is a bug to fix in the service.
 */
@Produces
@Singleton
final class UnexpectedExceptionHandler
    implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

  @Override
  public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
    String sqlState = SqlErrors.sqlState(exception);
    if (exception instanceof DataAccessException && sqlState != null) {
      LOG.warn(
          "{} {} hit a database constraint ({})",
          request.getMethod(),
          request.getPath(),
          sqlState,
          exception);
      if (sqlState.equals("23505")) {
        return ProblemResponses.of(
            Problem.of("conflict", "Conflict", 409, "the resource already exists", List.of()));
      }
      if (sqlState.startsWith("23") || sqlState.startsWith("22")) {
        return ProblemResponses.of(
            Problem.of(
                "validation",
                "Unprocessable Entity",
                422,
                "the request violates a data constraint",
                List.of()));
      }
    }
    LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
    return ProblemResponses.of(
        Problem.of(
            "internal",
            "Internal Server Error",
            500,
            "the server failed to process the request",
            List.of()));
  }
}
