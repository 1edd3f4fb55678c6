package dev.parley.control.contact;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body for creating or replacing a contact. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ContactCommand(
    @NotBlank @Size(max = 200) String name,
    @Nullable @Size(max = 200) String company,
    @NotBlank @Size(max = 64) String phone,
    @Nullable @Email @Size(max = 320) String email,
    @Nullable @Size(max = 4000) String notes,
    @NotNull ContactKind kind) {}
