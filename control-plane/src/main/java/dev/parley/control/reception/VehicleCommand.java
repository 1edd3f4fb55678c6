package dev.parley.control.reception;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body for adding a vehicle to a contact: "2019 Toyota Camry", plate optional. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record VehicleCommand(
    @NotBlank @Size(max = 120) String description, @Nullable @Size(max = 16) String plate) {}
