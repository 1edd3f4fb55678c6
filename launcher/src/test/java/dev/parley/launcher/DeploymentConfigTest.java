package dev.parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Docker cannot run on the build machines, so {@code docker-compose.yml} is kept correct by
 * reading: its services, ports and variables must agree with each other and with the README's
 * configuration table.
 */
class DeploymentConfigTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern TABLE_ROW =
      Pattern.compile("^\\| `([A-Z][A-Z0-9_]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

  private static JsonNode compose;
  private static Map<String, String> readmeDefaults;

  @BeforeAll
  static void read() throws IOException {
    compose =
        new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
    readmeDefaults = new HashMap<>();
    Matcher m = TABLE_ROW.matcher(Files.readString(ROOT.resolve("README.md")));
    while (m.find()) {
      readmeDefaults.put(m.group(1), m.group(2).trim());
    }
    assertThat(readmeDefaults)
        .as("README configuration table")
        .containsKeys("DATABASE_URL", "REDIS_URL");
  }

  @Test
  void hasTheFourServicesWithHealthChecks() {
    JsonNode services = compose.get("services");
    assertThat(fieldNames(services)).contains("postgres", "redis", "control-plane", "media-server");
    assertThat(services.at("/postgres/image").asText()).startsWith("postgres:16");
    assertThat(services.at("/redis/image").asText()).startsWith("redis:7");
    for (String name : new String[] {"postgres", "redis", "control-plane", "media-server"}) {
      assertThat(services.get(name).has("healthcheck")).as(name + " healthcheck").isTrue();
    }
  }

  @Test
  void dataServicesKeepTheirDataInDeclaredVolumes() {
    for (String name : new String[] {"postgres", "redis"}) {
      JsonNode volumes = compose.at("/services/" + name + "/volumes");
      assertThat(volumes.isArray() && volumes.size() > 0).as(name + " volumes").isTrue();
      String volume = volumes.get(0).asText().split(":")[0];
      assertThat(compose.get("volumes").has(volume)).as("volume " + volume + " declared").isTrue();
    }
  }

  @Test
  void serviceImagesAreBuiltFromDockerfilesThatExist() {
    for (String name : new String[] {"control-plane", "media-server"}) {
      JsonNode build = compose.at("/services/" + name + "/build");
      Path dockerfile =
          ROOT.resolve(build.get("context").asText()).resolve(build.get("dockerfile").asText());
      assertThat(dockerfile).as(name + " Dockerfile").exists();
    }
  }

  @Test
  void everyVariableTheServicesReadIsDocumentedInTheReadme() {
    for (String name : new String[] {"control-plane", "media-server"}) {
      for (String variable : fieldNames(compose.at("/services/" + name + "/environment"))) {
        assertThat(readmeDefaults).as(name + " sets " + variable).containsKey(variable);
      }
    }
  }

  @Test
  void portsAgreeWithTheReadmeDefaultsAndAreWiredToEachOther() {
    JsonNode control = compose.at("/services/control-plane/environment");
    JsonNode media = compose.at("/services/media-server/environment");
    String httpPort = control.get("PARLEY_HTTP_PORT").asText();
    String linkPort = control.get("PARLEY_MEDIA_LINK_PORT").asText();
    String mediaPort = media.get("PARLEY_MEDIA_PORT").asText();
    String metricsPort = media.get("PARLEY_MEDIA_METRICS_PORT").asText();

    assertThat(readmeDefaults.get("PARLEY_HTTP_PORT")).contains(httpPort);
    assertThat(readmeDefaults.get("PARLEY_MEDIA_LINK_PORT")).contains(linkPort);
    assertThat(readmeDefaults.get("PARLEY_MEDIA_PORT")).contains(mediaPort);
    assertThat(readmeDefaults.get("PARLEY_MEDIA_METRICS_PORT")).contains(metricsPort);

    assertThat(texts(compose.at("/services/control-plane/ports")))
        .contains(httpPort + ":" + httpPort);
    assertThat(texts(compose.at("/services/media-server/ports")))
        .contains(mediaPort + ":" + mediaPort, metricsPort + ":" + metricsPort);
    assertThat(media.get("PARLEY_CONTROL_ADDRESS").asText()).isEqualTo("control-plane:" + linkPort);
    assertThat(compose.at("/services/control-plane/healthcheck/test").toString())
        .contains(":" + httpPort + "/health");
    assertThat(compose.at("/services/media-server/healthcheck/test").toString())
        .contains(":" + metricsPort + "/health");
    assertThat(control.get("PARLEY_STREAM_SECRET").asText())
        .isEqualTo(media.get("PARLEY_STREAM_SECRET").asText());
  }

  @Test
  void theControlPlanePointsAtTheComposeDatabaseAndRedis() {
    JsonNode control = compose.at("/services/control-plane/environment");
    JsonNode pg = compose.at("/services/postgres/environment");
    URI db = URI.create(control.get("DATABASE_URL").asText().replaceAll("\\$\\{[^}]*}", "x"));
    assertThat(db.getScheme()).isEqualTo("postgres");
    assertThat(db.getHost()).isEqualTo("postgres");
    assertThat(db.getPort()).isEqualTo(5432);
    assertThat(db.getPath()).isEqualTo("/" + pg.get("POSTGRES_DB").asText());
    assertThat(db.getUserInfo()).startsWith(pg.get("POSTGRES_USER").asText() + ":");
    assertThat(control.get("REDIS_URL").asText()).isEqualTo("redis://redis:6379");
    assertThat(fieldNames(compose.at("/services/control-plane/depends_on")))
        .contains("postgres", "redis");
  }

  private static Iterable<String> fieldNames(JsonNode node) {
    assertThat(node.isObject()).as("object node").isTrue();
    java.util.List<String> names = new java.util.ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  private static java.util.List<String> texts(JsonNode array) {
    java.util.List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
