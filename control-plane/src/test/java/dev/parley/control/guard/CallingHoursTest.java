package dev.parley.control.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Calling hours at the edges of the window in every US zone, on ordinary and DST-change days. */
class CallingHoursTest {
  static final CallingHours HOURS = new CallingHours(LocalTime.of(8, 0), LocalTime.of(21, 0));

  // A number in each zone, checked below to map to exactly that zone.
  static Stream<Arguments> zones() {
    return Stream.of(
        Arguments.of("+12123900000", "America/New_York"),
        Arguments.of("+13122220000", "America/Chicago"),
        Arguments.of("+13032220000", "America/Denver"),
        Arguments.of("+16022220000", "America/Phoenix"),
        Arguments.of("+14152220000", "America/Los_Angeles"),
        // Alaska time: libphonenumber places 907-222 in Juneau, which keeps Anchorage time and DST.
        Arguments.of("+19072220000", "America/Juneau"),
        Arguments.of("+18082220000", "Pacific/Honolulu"));
  }

  // An ordinary summer day, the 2026 spring-forward day and the 2026 fall-back day.
  static final List<LocalDate> DAYS =
      List.of(LocalDate.of(2026, 7, 15), LocalDate.of(2026, 3, 8), LocalDate.of(2026, 11, 1));

  @ParameterizedTest
  @MethodSource("zones")
  void numberMapsToItsZone(String number, String zone) {
    assertThat(CallingHours.zonesFor(number, null)).containsExactly(ZoneId.of(zone));
  }

  @ParameterizedTest
  @MethodSource("zones")
  void edgesOfTheWindowInLocalTime(String number, String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    List<ZoneId> zones = CallingHours.zonesFor(number, null);
    for (LocalDate day : DAYS) {
      Instant at0759 = local(day, 7, 59, zone);
      Instant at0800 = local(day, 8, 0, zone);
      Instant at2059 = local(day, 20, 59, zone);
      Instant at2100 = local(day, 21, 0, zone);

      assertThat(HOURS.allowed(at0759, zones)).as("%s 07:59 on %s", zoneId, day).isFalse();
      assertThat(HOURS.nextAllowed(at0759, zones))
          .as("%s 07:59 on %s", zoneId, day)
          .isEqualTo(at0800);
      assertThat(HOURS.allowed(at0800, zones)).as("%s 08:00 on %s", zoneId, day).isTrue();
      assertThat(HOURS.nextAllowed(at0800, zones)).isEqualTo(at0800);
      assertThat(HOURS.allowed(at2059, zones)).as("%s 20:59 on %s", zoneId, day).isTrue();
      assertThat(HOURS.allowed(at2100, zones)).as("%s 21:00 on %s", zoneId, day).isFalse();
      assertThat(HOURS.nextAllowed(at2100, zones))
          .as("%s 21:00 on %s", zoneId, day)
          .isEqualTo(local(day.plusDays(1), 8, 0, zone));
    }
  }

  @Test
  void dstChangeDaysHaveTheRightLengthInUtc() {
    ZoneId ny = ZoneId.of("America/New_York");
    // Spring forward: 08:00 EDT is 12:00Z; fall back: 08:00 EST is 13:00Z.
    assertThat(local(LocalDate.of(2026, 3, 8), 8, 0, ny))
        .isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
    assertThat(local(LocalDate.of(2026, 11, 1), 8, 0, ny))
        .isEqualTo(Instant.parse("2026-11-01T13:00:00Z"));
    // 21:00 on the evening before spring-forward (EST) waits until 08:00 EDT the next day: 11 h,
    // not 12.
    assertThat(HOURS.nextAllowed(Instant.parse("2026-03-08T02:00:00Z"), List.of(ny)))
        .isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
    // Arizona has no DST: 08:00 MST is 15:00Z all year.
    ZoneId az = ZoneId.of("America/Phoenix");
    assertThat(local(LocalDate.of(2026, 3, 8), 8, 0, az))
        .isEqualTo(Instant.parse("2026-03-08T15:00:00Z"));
    assertThat(local(LocalDate.of(2026, 7, 15), 8, 0, az))
        .isEqualTo(Instant.parse("2026-07-15T15:00:00Z"));
  }

  @Test
  void theContactsZoneWinsOverTheNumbersAndAMultiZoneNumberMustFitAll() {
    assertThat(CallingHours.zonesFor("+12123900000", "Europe/Berlin"))
        .containsExactly(ZoneId.of("Europe/Berlin"));
    assertThat(CallingHours.zonesFor("+12123900000", "Not/AZone"))
        .containsExactly(ZoneId.of("America/New_York"));
    List<ZoneId> both = List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Los_Angeles"));
    // 08:30 in New York is 05:30 in Los Angeles: wait for 08:00 Pacific.
    Instant nyMorning = local(LocalDate.of(2026, 7, 15), 8, 30, ZoneId.of("America/New_York"));
    assertThat(HOURS.allowed(nyMorning, both)).isFalse();
    assertThat(HOURS.nextAllowed(nyMorning, both))
        .isEqualTo(local(LocalDate.of(2026, 7, 15), 8, 0, ZoneId.of("America/Los_Angeles")));
  }

  static Instant local(LocalDate day, int h, int m, ZoneId zone) {
    return LocalDateTime.of(day, LocalTime.of(h, m)).atZone(zone).toInstant();
  }
}
