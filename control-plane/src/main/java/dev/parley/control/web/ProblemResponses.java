package dev.parley.control.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** Builds {@code application/problem+json} responses. */
public final class ProblemResponses {
  private ProblemResponses() {}

  public static MutableHttpResponse<Problem> of(Problem problem) {
    return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
        .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
        .body(problem);
  }
}
