package dev.parley.emulator.sdk;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * SIMULATION ONLY: the Twilio SDK's own HTTP client, with every request's scheme, host and port
 * replaced by the emulator's, so the unchanged SDK talks to the emulator.
 *
 * <p>The SDK builds absolute {@code https://api.twilio.com/...} URLs (and would fold a region or
 * edge into the host). This client rebuilds each {@link Request} on {@code base} with the same
 * path, query, form, headers, auth and body, without region or edge, and hands it to {@link
 * NetworkHttpClient}. Everything else (retries, auth header, user agent) is the SDK's.
 */
public final class EmulatorRedirectingHttpClient extends NetworkHttpClient {

  private final String base;

  /** A client sending every request to {@code base} ({@code http://host:port}, no path). */
  public EmulatorRedirectingHttpClient(URI base) {
    String s = base.toString();
    this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public Response makeRequest(Request request) {
    return super.makeRequest(redirect(request));
  }

  /** A copy of {@code request} addressed to the emulator. */
  Request redirect(Request request) {
    URI original = URI.create(request.getUrl());
    String target = base + original.getRawPath();
    if (original.getRawQuery() != null) {
      target += "?" + original.getRawQuery();
    }
    Request copy = new Request(request.getMethod(), target);
    copyParams(request.getQueryParams(), copy::addQueryParam);
    copyParams(request.getPostParams(), copy::addPostParam);
    copyParams(request.getHeaderParams(), copy::addHeaderParam);
    if (request.getAuthStrategy() != null) {
      copy.setAuth(request.getAuthStrategy());
    } else if (request.getUsername() != null) {
      copy.setAuth(request.getUsername(), request.getPassword());
    }
    if (request.getContentType() != null) {
      copy.setContentType(request.getContentType());
    }
    if (request.getBody() != null) {
      copy.setBody(request.getBody());
    }
    if (!request.getFormParameters().isEmpty()) {
      copy.setFormParameters(request.getFormParameters());
    }
    copy.setUserAgentExtensions(request.getUserAgentExtensions());
    return copy;
  }

  private interface ParamSink {
    void add(String name, String value);
  }

  private static void copyParams(Map<String, List<String>> params, ParamSink sink) {
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      for (String v : e.getValue()) {
        sink.add(e.getKey(), v);
      }
    }
  }
}
