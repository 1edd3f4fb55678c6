package dev.parley.agent.llm.reception;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the desk told the model on this call, kept in the conversation's slots (so it survives
 * between turns and instances, like the rest of the call's state): the times {@code
 * find_open_slots} returned and the service they were for, other times the desk stated (a booking,
 * the caller's next appointment), the confirmation codes {@code book} returned, the appointments
 * the caller may cancel, and a line per change made. The guard and the tools check the model
 * against it.
 */
final class DeskMemory {

  static final String PREFIX = "llmrx.";
  static final String OFFERED = PREFIX + "offered";
  static final String SERVICE = PREFIX + "service";
  static final String TIMES = PREFIX + "times";
  static final String CODES = PREFIX + "codes";
  static final String APPOINTMENTS = PREFIX + "appointments";
  static final String DONE = PREFIX + "done";

  /** Entries kept per list: a call that looks at more slots than this is going nowhere. */
  private static final int MAX_ENTRIES = 40;

  private final Map<String, String> slots;
  private final ZoneId zone;

  /** A view over {@code slots}, the turn's working copy; writes go straight into it. */
  DeskMemory(Map<String, String> slots, ZoneId zone) {
    this.slots = slots;
    this.zone = zone;
  }

  /** {@code t} as the tools write it: local date-time in the centre's zone, to the minute. */
  String key(ZonedDateTime t) {
    return t.withZoneSameInstant(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString();
  }

  /** Open times the desk returned for the service {@code code}, to offer the caller. */
  void offered(String code, List<ZonedDateTime> times) {
    slots.put(SERVICE, code);
    times.forEach(t -> add(OFFERED, key(t)));
  }

  /** The service of the last open times the desk returned, or null once it is booked. */
  String offeredService() {
    return slots.get(SERVICE);
  }

  /** The open times the desk returned on this call, in the centre's zone. */
  List<ZonedDateTime> offeredAt() {
    return set(OFFERED).stream().map(s -> LocalDateTime.parse(s).atZone(zone)).toList();
  }

  /** Forgets an offer the desk refused to book. */
  void withdrawn(ZonedDateTime t) {
    Set<String> s = set(OFFERED);
    s.remove(key(t));
    put(OFFERED, s);
  }

  boolean wasOffered(ZonedDateTime t) {
    return set(OFFERED).contains(key(t));
  }

  /** A time the desk stated other than as an offer: a booking, an existing appointment. */
  void stated(ZonedDateTime t) {
    add(TIMES, key(t));
  }

  /** Every time the desk gave on this call, offered or stated, in the centre's zone. */
  List<LocalDateTime> knownTimes() {
    List<LocalDateTime> out = new ArrayList<>();
    for (String k : List.of(OFFERED, TIMES)) {
      set(k).forEach(s -> out.add(LocalDateTime.parse(s)));
    }
    return out;
  }

  List<String> offeredTimes() {
    return List.copyOf(set(OFFERED));
  }

  /**
   * A booking the desk made on this call (by the model's tools or the rules taking a turn over):
   * its confirmation code, time and appointment; the booking in hand is done.
   */
  void booked(String appointmentId, ZonedDateTime start, String code) {
    add(CODES, normalised(code));
    stated(start);
    appointment(appointmentId);
    slots.remove(SERVICE);
  }

  boolean knowsCode(String code) {
    return set(CODES).contains(normalised(code));
  }

  void appointment(String id) {
    add(APPOINTMENTS, id);
  }

  boolean mayCancel(String id) {
    return set(APPOINTMENTS).contains(id);
  }

  /** Records one change made at the desk, for the prompt of later turns. */
  void done(String line) {
    String old = slots.get(DONE);
    slots.put(DONE, old == null ? line : old + "\n" + line);
  }

  List<String> doneLines() {
    String d = slots.get(DONE);
    return d == null ? List.of() : List.of(d.split("\n"));
  }

  static String normalised(String code) {
    return code.replaceAll("[^A-Za-z0-9]", "").toUpperCase(java.util.Locale.ROOT);
  }

  /** Copies this memory's entries from {@code from} into {@code to} (a retry's fresh turn). */
  static void carry(Map<String, String> from, Map<String, String> to) {
    from.forEach(
        (k, v) -> {
          if (k.startsWith(PREFIX)) {
            to.put(k, v);
          }
        });
  }

  private void add(String key, String value) {
    Set<String> s = set(key);
    s.remove(value);
    s.add(value);
    while (s.size() > MAX_ENTRIES) {
      s.remove(s.iterator().next());
    }
    put(key, s);
  }

  private Set<String> set(String key) {
    String v = slots.get(key);
    Set<String> s = new LinkedHashSet<>();
    if (v != null && !v.isBlank()) {
      s.addAll(Arrays.asList(v.split(" ")));
    }
    return s;
  }

  private void put(String key, Set<String> values) {
    if (values.isEmpty()) {
      slots.remove(key);
    } else {
      slots.put(key, String.join(" ", values));
    }
  }
}
