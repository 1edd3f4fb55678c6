package dev.parley.emulator.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.emulator.number.IncomingNumber;
import dev.parley.emulator.number.IncomingNumbers;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SIMULATION ONLY: Twilio's IncomingPhoneNumbers resource (2010-04-01), enough for the SDK's {@code
 * IncomingPhoneNumber} creator, reader, fetcher, updater and deleter to configure where inbound
 * calls go.
 *
 * <pre>
 * GET    …/IncomingPhoneNumbers.json[?PhoneNumber=+1…]  list (one page)
 * POST   …/IncomingPhoneNumbers.json                    provision: PhoneNumber, VoiceUrl required
 * GET    …/IncomingPhoneNumbers/{PN…}.json              fetch
 * POST   …/IncomingPhoneNumbers/{PN…}.json              update VoiceUrl, VoiceMethod,
 *                                                        StatusCallback, StatusCallbackMethod
 * DELETE …/IncomingPhoneNumbers/{PN…}.json              release → 204
 * </pre>
 *
 * Other fields are accepted and ignored; the emulator keeps only what routes a call. Unlike Twilio,
 * a number needs a VoiceUrl (the emulator has no default call handling).
 */
final class IncomingNumbersApi {

  static final Pattern LIST =
      Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/IncomingPhoneNumbers\\.json");
  static final Pattern ONE =
      Pattern.compile(
          "/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/IncomingPhoneNumbers/(PN[0-9a-f]{32})\\.json");

  /** A response: status and JSON body (empty for 204). */
  record Result(HttpResponseStatus status, String body) {}

  private final String accountSid;
  private final IncomingNumbers numbers;
  private final ObjectMapper mapper;

  IncomingNumbersApi(String accountSid, IncomingNumbers numbers, ObjectMapper mapper) {
    this.accountSid = accountSid;
    this.numbers = numbers;
    this.mapper = mapper;
  }

  /** The list resource: {@code query} and {@code form} are the decoded parameters. */
  Result list(HttpMethod method, Map<String, List<String>> query, Map<String, List<String>> form)
      throws TwilioApiException {
    if (method.equals(HttpMethod.GET)) {
      Optional<String> only = CallRequestParser.single(query, "PhoneNumber");
      List<IncomingNumber> all =
          numbers.all().stream()
              .filter(n -> only.isEmpty() || n.phoneNumber().equals(only.get()))
              .sorted(Comparator.comparing(IncomingNumber::phoneNumber))
              .toList();
      return new Result(HttpResponseStatus.OK, page(all));
    }
    if (!method.equals(HttpMethod.POST)) {
      throw new TwilioApiException(405, 20004, "Method not allowed");
    }
    String phone =
        CallRequestParser.single(form, "PhoneNumber")
            .orElseThrow(() -> TwilioApiException.badRequest(21421, "PhoneNumber is required"));
    String voiceUrl =
        CallRequestParser.single(form, "VoiceUrl")
            .orElseThrow(
                () ->
                    TwilioApiException.badRequest(
                        21205, "VoiceUrl is required (SIMULATION: no default call handling)"));
    IncomingNumber created =
        configure(
            phone, IncomingNumber.sidFor(phone), voiceUrl, form, Optional.empty(), "POST", "POST");
    return new Result(HttpResponseStatus.CREATED, render(created).toString());
  }

  /** One number's resource. */
  Result one(HttpMethod method, String sid, String path, Map<String, List<String>> form)
      throws TwilioApiException {
    IncomingNumber number =
        numbers.findBySid(sid).orElseThrow(() -> TwilioApiException.notFound(path));
    if (method.equals(HttpMethod.GET)) {
      return new Result(HttpResponseStatus.OK, render(number).toString());
    }
    if (method.equals(HttpMethod.DELETE)) {
      numbers.remove(number.phoneNumber());
      return new Result(HttpResponseStatus.NO_CONTENT, "");
    }
    if (!method.equals(HttpMethod.POST)) {
      throw new TwilioApiException(405, 20004, "Method not allowed");
    }
    IncomingNumber updated =
        configure(
            number.phoneNumber(),
            number.sid(),
            CallRequestParser.single(form, "VoiceUrl").orElse(number.voiceUrl()),
            form,
            number.statusCallback(),
            number.voiceMethod(),
            number.statusCallbackMethod());
    return new Result(HttpResponseStatus.OK, render(updated).toString());
  }

  private IncomingNumber configure(
      String phone,
      String sid,
      String voiceUrl,
      Map<String, List<String>> form,
      Optional<String> statusCallback,
      String voiceMethod,
      String statusCallbackMethod)
      throws TwilioApiException {
    CallRequestParser.requireHttpUrl(voiceUrl, "VoiceUrl", 21205);
    Optional<String> callback =
        CallRequestParser.single(form, "StatusCallback").or(() -> statusCallback);
    if (callback.isPresent()) {
      CallRequestParser.requireHttpUrl(callback.get(), "StatusCallback", 21609);
    }
    String vm =
        form.containsKey("VoiceMethod")
            ? CallRequestParser.method(form, "VoiceMethod")
            : voiceMethod;
    String sm =
        form.containsKey("StatusCallbackMethod")
            ? CallRequestParser.method(form, "StatusCallbackMethod")
            : statusCallbackMethod;
    try {
      return numbers.configure(new IncomingNumber(phone, sid, voiceUrl, vm, callback, sm));
    } catch (IllegalArgumentException e) {
      throw TwilioApiException.badRequest(21421, e.getMessage());
    }
  }

  private String page(List<IncomingNumber> all) {
    String uri = "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers.json";
    ObjectNode n = mapper.createObjectNode();
    ArrayNode items = n.putArray("incoming_phone_numbers");
    all.forEach(x -> items.add(render(x)));
    n.put("end", Math.max(0, all.size() - 1));
    n.put("first_page_uri", uri + "?PageSize=50&Page=0");
    n.putNull("next_page_uri");
    n.put("page", 0);
    n.put("page_size", 50);
    n.putNull("previous_page_uri");
    n.put("start", 0);
    n.put("uri", uri + "?PageSize=50&Page=0");
    return n.toString();
  }

  private ObjectNode render(IncomingNumber x) {
    ObjectNode n = mapper.createObjectNode();
    n.put("account_sid", accountSid);
    n.put("address_requirements", "none");
    n.put("api_version", "2010-04-01");
    n.put("beta", false);
    ObjectNode caps = n.putObject("capabilities");
    caps.put("voice", true);
    caps.put("sms", false);
    caps.put("mms", false);
    caps.put("fax", false);
    n.put("friendly_name", CallResourceJson.formatted(x.phoneNumber()));
    n.put("origin", "twilio");
    n.put("phone_number", x.phoneNumber());
    n.put("sid", x.sid());
    n.put("status", "in-use");
    if (x.statusCallback().isPresent()) {
      n.put("status_callback", x.statusCallback().get());
    } else {
      n.putNull("status_callback");
    }
    n.put("status_callback_method", x.statusCallbackMethod());
    n.put(
        "uri", "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers/" + x.sid() + ".json");
    n.put("voice_caller_id_lookup", false);
    n.put("voice_method", x.voiceMethod());
    n.put("voice_url", x.voiceUrl());
    n.putNull("voice_fallback_url");
    n.put("voice_fallback_method", "POST");
    return n;
  }
}
