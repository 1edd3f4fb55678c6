package dev.parley.control.telephony;

/** What a Twilio webhook is answered with. */
public record WebhookResponse(int status, String contentType, String body) {
  static WebhookResponse twiml(String xml) {
    return new WebhookResponse(200, "application/xml", xml);
  }

  static WebhookResponse empty() {
    return new WebhookResponse(204, "text/plain", "");
  }

  static WebhookResponse forbidden() {
    return new WebhookResponse(403, "text/plain", "invalid Twilio signature");
  }

  static WebhookResponse notFound() {
    return new WebhookResponse(404, "text/plain", "no such webhook");
  }
}
