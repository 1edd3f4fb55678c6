package dev.parley.control.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API packages read time only through the injected {@link java.time.Clock}: a direct wall-clock
 * read anywhere but {@link ClockFactory} would make the settable-clock tests lie.
 */
class NoWallClockReadsTest {
  private static final Pattern WALL_CLOCK =
      Pattern.compile(
          "Instant\\.now\\(|System\\.currentTimeMillis\\(|Clock\\.system(UTC|DefaultZone)?\\("
              + "|(LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime)\\.now\\(\\s*\\)");
  private static final List<String> PACKAGES =
      List.of(
          "account",
          "auth",
          "contact",
          "event",
          "idempotency",
          "infra",
          "notification",
          "phone",
          "safety",
          "settings",
          "task",
          "web");

  @Test
  void noDirectWallClockReadsOutsideTheClockFactory() throws IOException {
    Path root = Path.of("src/main/java/dev/parley/control");
    for (String pkg : PACKAGES) {
      try (Stream<Path> files = Files.walk(root.resolve(pkg))) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          if (file.endsWith("ClockFactory.java")) {
            continue;
          }
          String source = Files.readString(file);
          assertThat(WALL_CLOCK.matcher(source).find())
              .as(file + " reads the wall clock")
              .isFalse();
        }
      }
    }
    assertThat(WALL_CLOCK.matcher(Files.readString(root.resolve("infra/ClockFactory.java"))).find())
        .as("the pattern recognises the one legitimate read")
        .isTrue();
  }
}
