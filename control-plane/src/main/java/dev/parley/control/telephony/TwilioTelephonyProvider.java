package dev.parley.control.telephony;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Places and ends calls through Twilio's REST Calls API with the official SDK. Each call gets the
 * TwiML URL and the status callback URL of its session; Twilio reports initiated, ringing, answered
 * and completed, with answering-machine detection on.
 */
public final class TwilioTelephonyProvider implements TelephonyProvider {
  /** Status callback events asked for on every call. */
  public static final List<String> CALLBACK_EVENTS =
      List.of("initiated", "ringing", "answered", "completed");

  // Twilio error codes that mean the number itself is bad (https://www.twilio.com/docs/api/errors).
  private static final Set<Integer> WRONG_NUMBER =
      Set.of(13223, 13224, 21211, 21214, 21217, 21401, 21407);
  // Codes that mean our account or configuration is wrong.
  private static final Set<Integer> CONFIGURATION =
      Set.of(20003, 20005, 20404, 21210, 21212, 21215, 21216);

  private final TelephonyConfig config;
  private final TwilioRestClient client;

  public TwilioTelephonyProvider(TelephonyConfig config) {
    this.config = config;
    this.client =
        new TwilioRestClient.Builder(config.accountSid(), config.authToken())
            .httpClient(new BaseUrlHttpClient(config.apiBaseUrl()))
            .build();
  }

  /** The TwiML URL Twilio fetches when an outbound call of {@code sessionId} is answered. */
  public static String twimlPath(Object sessionId) {
    return "/twilio/voice/" + sessionId;
  }

  /** The status callback URL of {@code sessionId}. */
  public static String statusPath(Object sessionId) {
    return "/twilio/status/" + sessionId;
  }

  @Override
  public String dial(DialRequest r) throws TelephonyException {
    String from = r.from() != null ? r.from() : config.callerId();
    try {
      var creator =
          Call.creator(
                  new PhoneNumber(r.to()),
                  new PhoneNumber(from),
                  URI.create(config.publicUrl(twimlPath(r.sessionId()))))
              .setMethod(HttpMethod.POST)
              .setStatusCallback(URI.create(config.publicUrl(statusPath(r.sessionId()))))
              .setStatusCallbackMethod(HttpMethod.POST)
              .setStatusCallbackEvent(CALLBACK_EVENTS)
              .setTimeout((int) config.ringTimeout().toSeconds())
              .setCallerId(from);
      if (r.detectMachine()) {
        creator.setMachineDetection(config.machineDetection());
      }
      return creator.create(client).getSid();
    } catch (ApiException e) {
      throw classify(e);
    } catch (ApiConnectionException e) {
      throw new TelephonyException(TelephonyException.Kind.TRANSIENT, 0, e.getMessage(), e);
    } catch (TwilioException e) {
      throw new TelephonyException(TelephonyException.Kind.TRANSIENT, 0, e.getMessage(), e);
    }
  }

  @Override
  public void hangUp(String providerCallId) throws TelephonyException {
    try {
      Call.updater(providerCallId).setStatus(Call.UpdateStatus.COMPLETED).update(client);
    } catch (ApiException e) {
      // 404 or "call is not in-progress" (21220): it already ended, which is what we wanted.
      if (Integer.valueOf(404).equals(e.getStatusCode())
          || Integer.valueOf(21220).equals(e.getCode())) {
        return;
      }
      throw classify(e);
    } catch (TwilioException e) {
      throw new TelephonyException(TelephonyException.Kind.TRANSIENT, 0, e.getMessage(), e);
    }
  }

  static TelephonyException classify(ApiException e) {
    int code = e.getCode() == null ? 0 : e.getCode();
    int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
    TelephonyException.Kind kind;
    if (WRONG_NUMBER.contains(code)) {
      kind = TelephonyException.Kind.WRONG_NUMBER;
    } else if (CONFIGURATION.contains(code) || status == 401 || status == 403) {
      kind = TelephonyException.Kind.CONFIGURATION;
    } else {
      kind = TelephonyException.Kind.TRANSIENT;
    }
    return new TelephonyException(kind, code, e.getMessage(), e);
  }
}
