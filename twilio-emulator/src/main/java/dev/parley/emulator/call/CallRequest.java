package dev.parley.emulator.call;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SIMULATION ONLY: a validated create-call request.
 *
 * @param to dialled number
 * @param from caller ID
 * @param url TwiML URL (absent when {@code twiml} is given)
 * @param method method for {@code url}
 * @param twiml inline TwiML
 * @param statusCallback status callback URL
 * @param statusCallbackMethod method for {@code statusCallback}
 * @param statusCallbackEvents subscribed events; only {@code completed} when none were named
 * @param machineDetection {@code Enable} or {@code DetectMessageEnd} when requested
 * @param timeoutSeconds how long to let it ring
 */
public record CallRequest(
    String to,
    String from,
    Optional<String> url,
    String method,
    Optional<String> twiml,
    Optional<String> statusCallback,
    String statusCallbackMethod,
    Set<String> statusCallbackEvents,
    Optional<String> machineDetection,
    int timeoutSeconds) {

  /** Twilio's default ring timeout. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 60;

  public CallRequest {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(from, "from");
    statusCallbackEvents = Set.copyOf(statusCallbackEvents);
    if (url.isEmpty() && twiml.isEmpty()) {
      throw new IllegalArgumentException("url or twiml is required");
    }
  }
}
