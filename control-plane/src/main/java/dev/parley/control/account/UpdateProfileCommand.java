package dev.parley.control.account;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** PATCH body for the caller's profile; absent fields are left unchanged. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record UpdateProfileCommand(
    @Nullable @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String fullName,
    @Nullable @Size(max = 64) String phone,
    @Nullable Tone defaultTone,
    @Nullable @Size(min = 1, max = 64) String timeZone) {}
