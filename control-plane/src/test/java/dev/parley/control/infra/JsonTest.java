package dev.parley.control.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void escapesAndKeepsNumbersAndBooleans() throws Exception {
    UUID id = UUID.fromString("00000000-0000-0000-0000-000000000042");
    String json =
        Json.object(
            "reason",
            "said \"stop\"\n\tthen\u0001 hung up",
            "attempt",
            3,
            "final",
            true,
            "session",
            id,
            "at",
            Instant.parse("2026-11-21T07:00:00Z"),
            "none",
            null);
    JsonNode tree = new ObjectMapper().readTree(json);
    assertThat(tree.get("reason").asText()).isEqualTo("said \"stop\"\n\tthen\u0001 hung up");
    assertThat(tree.get("attempt").isInt()).isTrue();
    assertThat(tree.get("final").isBoolean()).isTrue();
    assertThat(tree.get("session").asText()).isEqualTo(id.toString());
    assertThat(tree.get("at").asText()).isEqualTo("2026-11-21T07:00:00Z");
    assertThat(tree.get("none").isNull()).isTrue();
    assertThat(json).startsWith("{\"reason\"");
  }

  @Test
  void refusesUnpairedArguments() {
    assertThatThrownBy(() -> Json.object("key")).isInstanceOf(IllegalArgumentException.class);
  }
}
