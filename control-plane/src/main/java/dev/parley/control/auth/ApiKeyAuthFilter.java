package dev.parley.control.auth;

import dev.parley.control.web.FieldError;
import dev.parley.control.web.Problem;
import dev.parley.control.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates every {@code /api/**} request by its API key ({@code Authorization: Bearer} or
 * {@code X-Api-Key}) and attaches the {@link Caller}; anything else is a 401 problem.
 */
@ServerFilter("/api/**")
final class ApiKeyAuthFilter {
  static final String CALLER_ATTRIBUTE = "parley.caller";
  static final String API_KEY_HEADER = "X-Api-Key";

  private final ApiKeyService keys;

  ApiKeyAuthFilter(ApiKeyService keys) {
    this.keys = keys;
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  HttpResponse<Problem> authenticate(HttpRequest<?> request) {
    Optional<String> presented = presentedKey(request);
    if (presented.isEmpty()) {
      return unauthorized("send an API key as 'Authorization: Bearer <key>' or 'X-Api-Key'");
    }
    Optional<Caller> caller = keys.authenticate(presented.get());
    if (caller.isEmpty()) {
      return unauthorized("the API key is not valid or has been revoked");
    }
    request.setAttribute(CALLER_ATTRIBUTE, caller.get());
    return null;
  }

  private static Optional<String> presentedKey(HttpRequest<?> request) {
    String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(authorization.substring(7).trim());
    }
    return Optional.ofNullable(request.getHeaders().get(API_KEY_HEADER)).map(String::trim);
  }

  private static HttpResponse<Problem> unauthorized(String detail) {
    return ProblemResponses.of(
            Problem.of(
                "unauthorized",
                "Unauthorized",
                401,
                detail,
                List.of(new FieldError("Authorization", detail))))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
  }
}
