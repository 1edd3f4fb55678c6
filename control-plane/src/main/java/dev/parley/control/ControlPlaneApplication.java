package dev.parley.control;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Boots the Parley control plane. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Parley control plane",
            version = "v1",
            description =
                "Call tasks, sessions, contacts, settings and notifications. Every error is"
                    + " application/problem+json."),
    security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(
    name = "apiKey",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    in = SecuritySchemeIn.HEADER)
public final class ControlPlaneApplication {
  private ControlPlaneApplication() {}

  public static void main(String[] args) {
    Micronaut.run(ControlPlaneApplication.class, args);
  }
}
