package dev.parley.emulator.rest;

import dev.parley.emulator.call.CallRequest;
import dev.parley.emulator.twiml.TwimlException;
import dev.parley.emulator.twiml.TwimlParser;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SIMULATION ONLY: validates the form parameters of {@code POST .../Calls.json} the way Twilio
 * does, with Twilio's error codes.
 */
final class CallRequestParser {

  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
  private static final Set<String> EVENTS = Set.of("initiated", "ringing", "answered", "completed");

  private CallRequestParser() {}

  static CallRequest parse(Map<String, List<String>> form) throws TwilioApiException {
    String to = single(form, "To").orElseThrow(() -> bad(21201, "No 'To' number is specified"));
    if (!isAddress(to)) {
      throw bad(21211, "Invalid 'To' Phone Number: " + to);
    }
    String from =
        single(form, "From").orElseThrow(() -> bad(21213, "No 'From' number is specified"));
    if (!isAddress(from)) {
      throw bad(21212, "Invalid 'From' Phone Number: " + from);
    }
    Optional<String> url = single(form, "Url");
    Optional<String> twiml = single(form, "Twiml");
    if (url.isEmpty() && twiml.isEmpty()) {
      throw bad(21205, "Either 'Url' or 'Twiml' or 'ApplicationSid' parameter is required");
    }
    if (url.isPresent()) {
      requireHttpUrl(url.get(), "Url", 21205);
    }
    if (twiml.isPresent()) {
      try {
        TwimlParser.parse(twiml.get());
      } catch (TwimlException e) {
        throw bad(12100, "Document parse failure: " + e.getMessage());
      }
    }
    String method = method(form, "Method");
    Optional<String> statusCallback = single(form, "StatusCallback");
    if (statusCallback.isPresent()) {
      requireHttpUrl(statusCallback.get(), "StatusCallback", 21609);
    }
    String statusCallbackMethod = method(form, "StatusCallbackMethod");
    Set<String> events = new LinkedHashSet<>();
    for (String e : form.getOrDefault("StatusCallbackEvent", List.of())) {
      // The SDK sends each event as its own parameter; curl users often send "a b c".
      for (String one : e.trim().split("[\\s,]+")) {
        if (one.isEmpty()) {
          continue;
        }
        if (!EVENTS.contains(one)) {
          throw bad(21626, "Invalid 'StatusCallbackEvent': " + one);
        }
        events.add(one);
      }
    }
    if (events.isEmpty()) {
      events.add("completed");
    }
    Optional<String> machineDetection = single(form, "MachineDetection");
    if (machineDetection.isPresent()
        && !machineDetection.get().equals("Enable")
        && !machineDetection.get().equals("DetectMessageEnd")) {
      throw bad(21214, "MachineDetection must be Enable or DetectMessageEnd");
    }
    int timeout = CallRequest.DEFAULT_TIMEOUT_SECONDS;
    Optional<String> t = single(form, "Timeout");
    if (t.isPresent()) {
      try {
        timeout = Integer.parseInt(t.get().trim());
      } catch (NumberFormatException e) {
        throw bad(21216, "Timeout must be an integer, got '" + t.get() + "'");
      }
      if (timeout < 1 || timeout > 600) {
        throw bad(21216, "Timeout must be between 1 and 600 seconds, got " + timeout);
      }
    }
    return new CallRequest(
        to,
        from,
        url,
        method,
        twiml,
        statusCallback,
        statusCallbackMethod,
        events,
        machineDetection,
        timeout);
  }

  static Optional<String> single(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(values.get(0).trim());
  }

  static String method(Map<String, List<String>> form, String name) throws TwilioApiException {
    String m = single(form, name).orElse("POST").toUpperCase(java.util.Locale.ROOT);
    if (!m.equals("POST") && !m.equals("GET")) {
      throw bad(21206, name + " must be GET or POST, got " + m);
    }
    return m;
  }

  static void requireHttpUrl(String value, String name, int code) throws TwilioApiException {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw bad(code, name + " is not a valid URL: " + value);
      }
    } catch (java.net.URISyntaxException e) {
      throw bad(code, name + " is not a valid URL: " + value);
    }
  }

  private static boolean isAddress(String number) {
    return E164.matcher(number).matches()
        || number.startsWith("client:")
        || number.startsWith("sip:");
  }

  private static TwilioApiException bad(int code, String message) {
    return TwilioApiException.badRequest(code, message);
  }
}
