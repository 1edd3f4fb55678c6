package dev.parley.control.telephony;

import dev.parley.control.dispatch.AttemptOutcomes;
import dev.parley.control.dispatch.DialPreparation;
import dev.parley.control.dispatch.RawDataSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires Twilio from {@code TWILIO_*} and {@code PARLEY_*} settings. */
@Factory
public class TelephonyBeans {
  private static final Logger log = LoggerFactory.getLogger(TelephonyBeans.class);

  @Singleton
  TelephonyConfig telephonyConfig(
      @Value("${twilio.api-base-url}") String apiBaseUrl,
      @Value("${twilio.account-sid:AC00000000000000000000000000000000}") String accountSid,
      @Value("${twilio.auth-token:parley-development-auth-token}") String authToken,
      @Value("${twilio.caller-id:+15005550006}") String callerId,
      @Value("${parley.public-base-url}") String publicBaseUrl,
      @Value("${parley.telephony.ring-timeout:30s}") Duration ringTimeout,
      @Value("${parley.telephony.machine-detection:Enable}") String machineDetection,
      @Nullable @Value("${parley.stream-secret:}") String streamSecret,
      @Value("${parley.telephony.stream-token-ttl:5m}") Duration tokenTtl) {
    byte[] secret;
    if (streamSecret == null || streamSecret.isBlank()) {
      // Without a shared secret no media node could verify our tokens; a random one keeps a
      // single-process demo working and makes a misconfigured cluster fail loudly at the node.
      secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      log.warn("PARLEY_STREAM_SECRET is not set; using a random per-process stream secret");
    } else {
      secret = streamSecret.getBytes(StandardCharsets.UTF_8);
    }
    return new TelephonyConfig(
        URI.create(apiBaseUrl),
        accountSid,
        authToken,
        callerId,
        URI.create(publicBaseUrl),
        ringTimeout,
        machineDetection,
        secret,
        tokenTtl);
  }

  @Singleton
  @Requires(missingBeans = TelephonyProvider.class)
  TelephonyProvider telephonyProvider(TelephonyConfig config) {
    return new TwilioTelephonyProvider(config);
  }

  @Singleton
  TwilioWebhooks twilioWebhooks(
      TelephonyConfig config,
      DataSource dataSource,
      AttemptOutcomes outcomes,
      @Nullable DialPreparation preparation,
      @Nullable MediaRouter router,
      TelephonyProvider provider,
      Clock clock,
      @Nullable @Value("${parley.inbound.user-id:}") String inboundUserId) {
    return new TwilioWebhooks(
        config,
        RawDataSource.of(dataSource),
        outcomes,
        preparation == null ? DialPreparation.NONE : preparation,
        router == null ? MediaRouter.NONE : router,
        provider,
        clock,
        inboundUserId == null || inboundUserId.isBlank() ? null : UUID.fromString(inboundUserId));
  }
}
