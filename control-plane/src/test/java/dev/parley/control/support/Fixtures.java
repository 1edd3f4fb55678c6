package dev.parley.control.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Request bodies and small helpers shared by the API tests. */
public final class Fixtures {
  private static final AtomicInteger PHONES = new AtomicInteger(1000);

  private Fixtures() {}

  /** A valid US number never handed out before in this JVM, as a person would type it. */
  public static String nextPhone() {
    int n = PHONES.incrementAndGet();
    return "(415) 555-" + String.format("%04d", n % 10000);
  }

  /** The E.164 form of a number from {@link #nextPhone()}. */
  public static String e164(String typed) {
    return "+1" + typed.replaceAll("[^0-9]", "");
  }

  /** Varargs key/value pairs as an ordered map (values may be null). */
  public static Map<String, Object> json(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** Creates a contact and returns its id. */
  public static String contact(Api api, String name, String company, String phone) {
    Api.Response r =
        api.post(
            "/api/v1/contacts",
            json(
                "name",
                name,
                "company",
                company,
                "phone",
                phone,
                "kind",
                company == null ? "person" : "business"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.str("id");
  }

  /** Creates a task calling {@code phone} (expected ready_to_call) and returns the response. */
  public static Api.Response readyTask(Api api, String phone) {
    Api.Response r =
        api.post(
            "/api/v1/call-tasks",
            json("instruction", "Ask whether my order has shipped", "phone", phone));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.str("task.status")).isEqualTo("ready_to_call");
    return r;
  }

  /** Asserts a response is an RFC 9457 problem with the required members. */
  public static void assertProblem(Api.Response r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
    Map<String, Object> body = r.body();
    assertThat(body).containsKeys("type", "title", "status", "detail", "errors");
    assertThat(((Number) body.get("status")).intValue()).isEqualTo(status);
    assertThat(r.list("errors")).allSatisfy(e -> assertThat(e).containsKeys("field", "reason"));
  }
}
