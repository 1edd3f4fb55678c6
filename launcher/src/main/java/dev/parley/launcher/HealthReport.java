package dev.parley.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the smoke run checked, each part with its verdict. */
record HealthReport(List<Check> checks) {
  record Check(String part, boolean ok, String detail) {}

  private static final Duration LINK_WAIT = Duration.ofSeconds(20);

  boolean healthy() {
    return checks.stream().allMatch(Check::ok);
  }

  String describe() {
    StringBuilder s = new StringBuilder("\nParley smoke check:\n");
    for (Check c : checks) {
      s.append(c.ok ? "  ok    " : "  FAIL  ")
          .append(c.part)
          .append(": ")
          .append(c.detail)
          .append('\n');
    }
    s.append(healthy() ? "All parts healthy.\n" : "Some parts are not healthy.\n");
    return s.toString();
  }

  static HealthReport check(ParleyLauncher.RunningParley parley) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<Check> checks = new ArrayList<>();
    checks.add(get(http, "control plane", "http://127.0.0.1:" + parley.httpPort() + "/health"));
    checks.add(
        get(
            http,
            "media server",
            "http://127.0.0.1:" + parley.mediaServer.metricsPort() + "/health"));
    long deadline = System.nanoTime() + LINK_WAIT.toNanos();
    while (!parley.mediaServer.controlConnected() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    checks.add(
        new Check(
            "media link",
            parley.mediaServer.controlConnected(),
            parley.mediaServer.controlConnected()
                ? "media server connected to the control plane"
                : "media server did not connect to the control plane within "
                    + LINK_WAIT.toSeconds()
                    + " s"));
    if (parley.emulator != null) {
      checks.add(
          new Check(
              "Twilio emulator",
              parley.emulator.port() > 0,
              "listening at " + parley.emulator.baseUri()));
    }
    return new HealthReport(checks);
  }

  private static Check get(HttpClient http, String part, String url) throws InterruptedException {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return new Check(
          part,
          response.statusCode() == 200,
          url + " -> " + response.statusCode() + " " + response.body().strip());
    } catch (IOException e) {
      return new Check(part, false, url + " -> " + e);
    }
  }
}
