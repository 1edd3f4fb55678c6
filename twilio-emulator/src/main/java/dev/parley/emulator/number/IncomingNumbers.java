package dev.parley.emulator.number;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SIMULATION ONLY: the account's incoming phone numbers, by number. An inbound call can only be
 * placed to a number configured here, as a real call only reaches Twilio for a number the account
 * owns. Safe to use from any thread.
 */
public final class IncomingNumbers {

  private final Map<String, IncomingNumber> numbers = new ConcurrentHashMap<>();

  /** Configures (or reconfigures) {@code number}. */
  public IncomingNumber configure(IncomingNumber number) {
    numbers.put(number.phoneNumber(), number);
    return number;
  }

  /**
   * Configures {@code phoneNumber} to POST its incoming-call webhook to {@code voiceUrl} and, when
   * {@code statusCallbackUrl} is not null, its status callbacks there.
   */
  public IncomingNumber configure(String phoneNumber, String voiceUrl, String statusCallbackUrl) {
    return configure(IncomingNumber.of(phoneNumber, voiceUrl, statusCallbackUrl));
  }

  /** The configuration of {@code phoneNumber}, if the account owns it. */
  public Optional<IncomingNumber> find(String phoneNumber) {
    return Optional.ofNullable(numbers.get(phoneNumber));
  }

  /** The number whose {@code PN…} SID is {@code sid}, if the account owns it. */
  public Optional<IncomingNumber> findBySid(String sid) {
    return numbers.values().stream().filter(n -> n.sid().equals(sid)).findFirst();
  }

  /** Releases {@code phoneNumber}; later calls to it cannot be placed. */
  public boolean remove(String phoneNumber) {
    return numbers.remove(phoneNumber) != null;
  }

  /** Every configured number. */
  public Collection<IncomingNumber> all() {
    return List.copyOf(numbers.values());
  }
}
