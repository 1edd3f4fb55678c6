package dev.parley.control.web;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Optional;

/**
 * Serves the OpenAPI document generated at compile time at {@code /openapi}, and sends {@code
 * /swagger-ui} to the generated Swagger UI page.
 */
@Hidden
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class OpenApiController {
  static final String SPEC = "classpath:META-INF/swagger/parley-control-plane.yml";

  private final byte[] spec;

  OpenApiController(ResourceResolver resources) {
    Optional<InputStream> in = resources.getResourceAsStream(SPEC);
    try (InputStream stream = in.orElse(InputStream.nullInputStream())) {
      this.spec = stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get("/openapi")
  @Produces("application/yaml")
  HttpResponse<byte[]> openApi() {
    if (spec.length == 0) {
      return HttpResponse.notFound();
    }
    return HttpResponse.ok(spec).contentType(MediaType.of("application/yaml"));
  }

  @Get("/swagger-ui")
  HttpResponse<?> swaggerUi() {
    return HttpResponse.redirect(URI.create("/swagger-ui/index.html"));
  }
}
