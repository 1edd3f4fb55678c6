package dev.parley.control.guard;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Calling hours in the callee's local time. The zone comes from the contact when it has one, else
 * from the number through libphonenumber's {@link PhoneNumberToTimeZonesMapper}. When a number maps
 * to several zones (a whole country, a US area code that straddles a zone line), a moment counts as
 * allowed only if it is inside the window in every one of them: the callee is somewhere in those
 * zones, and being early for one of them is still being early.
 *
 * <p>All arithmetic is on {@link ZonedDateTime}, so a DST change moves the window with the wall
 * clock and a start time that falls in a spring-forward gap resolves to the first valid instant.
 */
public final class CallingHours {
  private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
  private static final PhoneNumberToTimeZonesMapper ZONES =
      PhoneNumberToTimeZonesMapper.getInstance();
  private static final ZoneId FALLBACK = ZoneId.of("UTC");

  private final LocalTime start;
  private final LocalTime end;

  /** Hours from {@code start} (inclusive) to {@code end} (exclusive), local time. */
  public CallingHours(LocalTime start, LocalTime end) {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("calling hours must start before they end");
    }
    this.start = start;
    this.end = end;
  }

  /**
   * The callee's candidate zones: {@code contactZone} when it is a valid IANA id, else the zones
   * libphonenumber maps the number to, else UTC.
   */
  public static List<ZoneId> zonesFor(String e164, String contactZone) {
    if (contactZone != null && !contactZone.isBlank()) {
      try {
        return List.of(ZoneId.of(contactZone));
      } catch (DateTimeException e) {
        // An unknown id in the contact falls through to the number's zones.
      }
    }
    List<ZoneId> zones = new ArrayList<>();
    try {
      PhoneNumber number = PHONE_NUMBERS.parse(e164, null);
      for (String id : ZONES.getTimeZonesForNumber(number)) {
        if (!PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(id)) {
          try {
            zones.add(ZoneId.of(id));
          } catch (DateTimeException e) {
            // libphonenumber's data names a zone this JDK lacks: ignore that one.
          }
        }
      }
    } catch (NumberParseException e) {
      // Not a parseable number: the fallback below applies.
    }
    return zones.isEmpty() ? List.of(FALLBACK) : List.copyOf(zones);
  }

  /** Whether {@code at} is inside the window in every one of {@code zones}. */
  public boolean allowed(Instant at, List<ZoneId> zones) {
    for (ZoneId zone : zones) {
      if (!allowedIn(at, zone)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The first moment at or after {@code from} that is inside the window in every zone; {@code from}
   * itself when it already is.
   */
  public Instant nextAllowed(Instant from, List<ZoneId> zones) {
    Instant t = from;
    // Each round moves t to the next window start of a zone that refused it; zones a few hours
    // apart agree within a couple of rounds, and zones with no common window never do.
    for (int round = 0; round < 16; round++) {
      boolean all = true;
      for (ZoneId zone : zones) {
        if (!allowedIn(t, zone)) {
          t = nextStart(t, zone);
          all = false;
        }
      }
      if (all) {
        return t;
      }
    }
    throw new IllegalStateException("no common calling window in zones " + zones);
  }

  private boolean allowedIn(Instant at, ZoneId zone) {
    LocalTime local = at.atZone(zone).toLocalTime();
    return !local.isBefore(start) && local.isBefore(end);
  }

  /** The next window start in {@code zone} strictly after a refused moment {@code at}. */
  private Instant nextStart(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    ZonedDateTime today = local.toLocalDate().atTime(start).atZone(zone);
    if (today.toInstant().isAfter(at)) {
      return today.toInstant();
    }
    return local.toLocalDate().plusDays(1).atTime(start).atZone(zone).toInstant();
  }

  /** The window start. */
  public LocalTime start() {
    return start;
  }

  /** The window end (exclusive). */
  public LocalTime end() {
    return end;
  }
}
