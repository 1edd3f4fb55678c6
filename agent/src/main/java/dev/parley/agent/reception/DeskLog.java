package dev.parley.agent.reception;

import java.util.ArrayList;
import java.util.List;

/**
 * What a receptionist did at the desk on one call, in order: the write-up reads it, because on an
 * inbound call the facts are the ones our side gave (the slot booked, its code), not the caller's.
 * Thread-safe: a call's turns may run on different threads, one at a time.
 */
public final class DeskLog {

  /** One change made at the desk. */
  public sealed interface Entry {}

  /** An appointment was booked. */
  public record Booked(ServiceDesk.Appointment appointment, String customerName) implements Entry {}

  /** An appointment was cancelled (or found already cancelled). */
  public record Cancelled(String appointmentId, boolean done) implements Entry {}

  /** A message was left for the staff. */
  public record Message(String customerName, String text) implements Entry {}

  private final List<Entry> entries = new ArrayList<>();

  synchronized void add(Entry e) {
    entries.add(e);
  }

  /** Everything done so far. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }
}
