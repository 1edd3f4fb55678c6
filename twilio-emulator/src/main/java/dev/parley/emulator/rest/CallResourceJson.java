package dev.parley.emulator.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.emulator.call.CallSnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIMULATION ONLY: renders a call in the JSON shape of Twilio's 2010-04-01 Call resource and
 * Twilio's error bodies.
 */
final class CallResourceJson {

  static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(ZoneOffset.UTC);

  private static final Pattern NANP = Pattern.compile("\\+1(\\d{3})(\\d{3})(\\d{4})");
  private static final String[] SUBRESOURCES = {
    "feedback", "Feedback.json",
    "notifications", "Notifications.json",
    "recordings", "Recordings.json",
    "streams", "Streams.json",
    "payments", "Payments.json",
    "user_defined_message_subscriptions", "UserDefinedMessageSubscriptions.json",
    "transcriptions", "Transcriptions.json",
    "user_defined_messages", "UserDefinedMessages.json",
    "events", "Events.json",
    "siprec", "Siprec.json"
  };

  private final ObjectMapper mapper;

  CallResourceJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  String render(CallSnapshot c) {
    String base = "/2010-04-01/Accounts/" + c.accountSid() + "/Calls/" + c.sid();
    ObjectNode n = mapper.createObjectNode();
    n.put("account_sid", c.accountSid());
    n.putNull("annotation");
    putOrNull(n, "answered_by", c.answeredBy());
    n.put("api_version", "2010-04-01");
    n.putNull("caller_name");
    n.put("date_created", RFC_2822.format(c.dateCreated()));
    n.put("date_updated", RFC_2822.format(c.dateUpdated()));
    n.put("direction", c.direction().wire());
    putOrNull(n, "duration", c.durationSeconds().map(String::valueOf));
    putOrNull(n, "end_time", c.endTime().map(RFC_2822::format));
    n.putNull("forwarded_from");
    n.put("from", c.from());
    n.put("from_formatted", formatted(c.from()));
    n.putNull("group_sid");
    n.putNull("parent_call_sid");
    n.putNull("phone_number_sid");
    n.putNull("price");
    n.put("price_unit", "USD");
    n.put("queue_time", "0");
    n.put("sid", c.sid());
    putOrNull(n, "start_time", c.startTime().map(RFC_2822::format));
    n.put("status", c.status().wire());
    ObjectNode subs = n.putObject("subresource_uris");
    for (int i = 0; i < SUBRESOURCES.length; i += 2) {
      subs.put(SUBRESOURCES[i], base + "/" + SUBRESOURCES[i + 1]);
    }
    n.put("to", c.to());
    n.put("to_formatted", formatted(c.to()));
    n.putNull("trunk_sid");
    n.put("uri", base + ".json");
    return n.toString();
  }

  String error(TwilioApiException e) {
    ObjectNode n = mapper.createObjectNode();
    n.put("code", e.code);
    n.put("message", e.getMessage());
    n.put("more_info", "https://www.twilio.com/docs/errors/" + e.code);
    n.put("status", e.httpStatus);
    return n.toString();
  }

  static String rfc2822(Instant t) {
    return RFC_2822.format(t);
  }

  private static void putOrNull(ObjectNode n, String field, Optional<String> value) {
    if (value.isPresent()) {
      n.put(field, value.get());
    } else {
      n.putNull(field);
    }
  }

  /** Twilio's national format for NANP numbers: {@code (212) 555-0100}. */
  static String formatted(String number) {
    Matcher m = NANP.matcher(number);
    return m.matches() ? "(" + m.group(1) + ") " + m.group(2) + "-" + m.group(3) : number;
  }
}
