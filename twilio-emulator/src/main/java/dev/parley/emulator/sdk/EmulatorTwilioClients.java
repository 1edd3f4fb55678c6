package dev.parley.emulator.sdk;

import com.twilio.http.TwilioRestClient;
import java.net.URI;

/**
 * SIMULATION ONLY: builds official-SDK clients that talk to a {@link
 * dev.parley.emulator.TwilioEmulator} instead of api.twilio.com. For tests, the demo and the load
 * harness; production code never points the SDK anywhere but Twilio.
 */
public final class EmulatorTwilioClients {

  private EmulatorTwilioClients() {}

  /**
   * A {@link TwilioRestClient} for {@code accountSid}/{@code authToken} sending to {@code baseUri}.
   */
  public static TwilioRestClient restClient(URI baseUri, String accountSid, String authToken) {
    return new TwilioRestClient.Builder(accountSid, authToken)
        .accountSid(accountSid)
        .httpClient(new EmulatorRedirectingHttpClient(baseUri))
        .build();
  }
}
