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
 * @param direction {@code outbound-api} for REST-created calls; {@code inbound} when a simulated
 *     caller dials an incoming number ({@code from} is then the caller, {@code to} the number, and
 *     {@code url} the number's Voice URL)
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
    int timeoutSeconds,
    CallDirection direction) {

  /** Twilio's default ring timeout. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 60;

  public CallRequest {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(direction, "direction");
    statusCallbackEvents = Set.copyOf(statusCallbackEvents);
    if (url.isEmpty() && twiml.isEmpty()) {
      throw new IllegalArgumentException("url or twiml is required");
    }
  }

  /** An outbound ({@code outbound-api}) call request, as the REST API creates them. */
  public CallRequest(
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
    this(
        to,
        from,
        url,
        method,
        twiml,
        statusCallback,
        statusCallbackMethod,
        statusCallbackEvents,
        machineDetection,
        timeoutSeconds,
        CallDirection.OUTBOUND_API);
  }

  /**
   * The other party's number, whom the simulated person plays: the dialled number on an outbound
   * call, the caller on an inbound one.
   */
  public String remoteNumber() {
    return direction == CallDirection.INBOUND ? from : to;
  }
}
