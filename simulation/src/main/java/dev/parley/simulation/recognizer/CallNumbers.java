package dev.parley.simulation.recognizer;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SIMULATION ONLY: a thread-safe call id → remote number table, filled by whoever sends
 * SESSION_START (the launcher's wiring, a test's fake control plane) and read by the {@link
 * ScriptedRecognizer} when the call's stream opens.
 */
public final class CallNumbers implements RemoteNumbers {

  /** More calls than a node can hold: an unbounded table would grow if nobody removes entries. */
  private static final int LIMIT = 100_000;

  private final Map<String, String> numbers = new ConcurrentHashMap<>();

  /** Records that call {@code callId} is with {@code remoteNumber}. */
  public void put(String callId, String remoteNumber) {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(remoteNumber, "remoteNumber");
    if (numbers.size() >= LIMIT && !numbers.containsKey(callId)) {
      throw new IllegalStateException("call number table full (" + LIMIT + "); remove ended calls");
    }
    numbers.put(callId, remoteNumber);
  }

  /** Forgets call {@code callId}. */
  public void remove(String callId) {
    numbers.remove(callId);
  }

  @Override
  public Optional<String> remoteNumber(String callId) {
    return Optional.ofNullable(numbers.get(callId));
  }
}
