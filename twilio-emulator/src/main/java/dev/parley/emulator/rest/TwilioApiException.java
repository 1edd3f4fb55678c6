package dev.parley.emulator.rest;

/**
 * SIMULATION ONLY: a request the REST API refuses, rendered as Twilio's JSON error body {@code
 * {"code":21201,"message":"..","more_info":"https://www.twilio.com/docs/errors/21201","status":400}}.
 */
final class TwilioApiException extends Exception {

  final int httpStatus;
  final int code;

  TwilioApiException(int httpStatus, int code, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  static TwilioApiException badRequest(int code, String message) {
    return new TwilioApiException(400, code, message);
  }

  static TwilioApiException notFound(String path) {
    return new TwilioApiException(404, 20404, "The requested resource " + path + " was not found");
  }
}
