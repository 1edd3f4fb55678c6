package dev.parley.control.reception;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * Body for setting up (or replacing) the organisation's service centre: what the receptionist
 * answers as, its calendar and its bookable services.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record CentreCommand(
    @NotBlank @Size(max = 120) String businessName,
    @NotBlank @Size(max = 64) String timeZone,
    @Min(1) @Max(50) int bays,
    @NotNull @Min(15) @Max(60) Integer slotMinutes,
    @Nullable @Min(0) @Max(10080) Integer minNoticeMinutes,
    @NotNull @Size(max = 7) List<@Valid @NotNull Hours> hours,
    @NotNull @Size(min = 1, max = 50) List<@Valid @NotNull Service> services) {

  /** Opening hours of one weekday ("monday"), "HH:mm" local time. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Hours(
      @NotBlank @Pattern(regexp = "(?i)monday|tuesday|wednesday|thursday|friday|saturday|sunday")
          String weekday,
      @NotBlank @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d") String opens,
      @NotBlank @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d") String closes) {}

  /** A bookable service. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Service(
      @NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,39}") String code,
      @NotBlank @Size(max = 80) String name,
      @Min(5) @Max(480) int minutes,
      @Nullable @DecimalMin("0") BigDecimal price,
      @Nullable @Size(max = 20) List<@NotBlank @Size(max = 40) String> keywords) {}
}
