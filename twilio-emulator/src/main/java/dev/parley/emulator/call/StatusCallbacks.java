package dev.parley.emulator.call;

import dev.parley.emulator.webhook.WebhookClient;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIMULATION ONLY: one call's status callbacks, sent in order (each after the previous one was
 * answered) with a {@code SequenceNumber} counting from 0, and only for subscribed events.
 */
final class StatusCallbacks {

  private static final Logger log = LoggerFactory.getLogger(StatusCallbacks.class);

  /** RFC 2822 as Twilio writes it: {@code Tue, 31 Aug 2010 20:36:28 +0000}. */
  static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(ZoneOffset.UTC);

  /** North American numbers: reported as {@code US} (the emulator has no numbering plan data). */
  private static final Pattern NANP = Pattern.compile("\\+1[2-9]\\d{2}[2-9]\\d{6}");

  private final CallRequest request;
  private final WebhookClient webhooks;
  private final Clock clock;
  private int sequence;
  private CompletableFuture<?> chain = CompletableFuture.completedFuture(null);

  StatusCallbacks(CallRequest request, WebhookClient webhooks, Clock clock) {
    this.request = request;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  /** The parameters Twilio sends with every request about a call (TwiML fetch included). */
  Map<String, List<String>> baseParams(CallSnapshot call, Optional<String> answeredBy) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("AccountSid", List.of(call.accountSid()));
    p.put("ApiVersion", List.of("2010-04-01"));
    p.put("CallSid", List.of(call.sid()));
    p.put("CallStatus", List.of(call.status().wire()));
    p.put("Called", List.of(call.to()));
    p.put("Caller", List.of(call.from()));
    p.put("Direction", List.of(call.direction().wire()));
    p.put("From", List.of(call.from()));
    p.put("To", List.of(call.to()));
    answeredBy.ifPresent(a -> p.put("AnsweredBy", List.of(a)));
    if (call.direction() == CallDirection.INBOUND) {
      // Twilio adds what it knows of both numbers' locations to an incoming call's requests. Of
      // a fictional number only the country follows from its code.
      country(call.from()).ifPresent(c -> putBoth(p, "CallerCountry", "FromCountry", c));
      country(call.to()).ifPresent(c -> putBoth(p, "CalledCountry", "ToCountry", c));
    }
    return p;
  }

  private static Optional<String> country(String number) {
    return NANP.matcher(number).matches() ? Optional.of("US") : Optional.empty();
  }

  private static void putBoth(Map<String, List<String>> p, String a, String b, String value) {
    p.put(a, List.of(value));
    p.put(b, List.of(value));
  }

  /** Sends the callback for {@code event} reporting {@code callStatus}, if subscribed. */
  void send(String event, String callStatus, CallSnapshot call, Optional<String> answeredBy) {
    if (request.statusCallback().isEmpty() || !request.statusCallbackEvents().contains(event)) {
      return;
    }
    Map<String, List<String>> p = baseParams(call, answeredBy);
    p.put("CallStatus", List.of(callStatus));
    p.put("CallbackSource", List.of("call-progress-events"));
    p.put("SequenceNumber", List.of(Integer.toString(sequence++)));
    p.put("Timestamp", List.of(RFC_2822.format(clock.instant())));
    call.durationSeconds()
        .filter(d -> call.status().isTerminal())
        .ifPresent(d -> p.put("CallDuration", List.of(Integer.toString(d))));
    String url = request.statusCallback().get();
    String method = request.statusCallbackMethod();
    chain =
        chain
            .handle((r, e) -> null)
            .thenCompose(v -> webhooks.send(url, method, p))
            .whenComplete(
                (r, e) -> {
                  if (e != null) {
                    log.warn(
                        "status callback {} for {} failed: {}", event, call.sid(), e.toString());
                  } else if (!r.ok()) {
                    log.warn(
                        "status callback {} for {} got HTTP {}", event, call.sid(), r.status());
                  }
                });
  }
}
