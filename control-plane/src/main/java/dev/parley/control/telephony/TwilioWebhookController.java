package dev.parley.control.telephony;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Twilio's webhooks over HTTP; every rule lives in {@link TwilioWebhooks}. */
@Controller("/twilio")
@ExecuteOn(TaskExecutors.BLOCKING)
class TwilioWebhookController {
  private final TwilioWebhooks webhooks;

  TwilioWebhookController(TwilioWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Post(
      uris = {"/voice/{sessionId}", "/status", "/status/{sessionId}", "/inbound"},
      consumes = MediaType.APPLICATION_FORM_URLENCODED,
      produces = {MediaType.APPLICATION_XML, MediaType.TEXT_PLAIN})
  HttpResponse<String> webhook(
      HttpRequest<?> request,
      @Nullable @PathVariable String sessionId,
      @Nullable @Header("X-Twilio-Signature") String signature,
      @Nullable @Body Map<String, String> form)
      throws SQLException {
    // sessionId is bound only to satisfy route validation: the path is matched again, with the
    // signature check first, in TwilioWebhooks.
    Map<String, String> params = form == null ? Map.of() : new HashMap<>(form);
    WebhookResponse r =
        webhooks.handle(request.getPath(), request.getUri().getRawQuery(), params, signature);
    return HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(r.status()))
        .contentType(r.contentType())
        .body(r.body());
  }
}
