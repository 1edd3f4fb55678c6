package dev.parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.launcher.support.IsolatedDatabase;
import dev.parley.simulation.persona.PersonaCatalog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inbound calls answered by the receptionist, end to end in real time: a simulated caller dials
 * Parley's number on the Twilio emulator (SIMULATION), the signed incoming-call webhook creates the
 * inbound task and session, the media server streams, the receptionist books against the service
 * centre's calendar in PostgreSQL, and the call is written up. Two callers at once: a customer on
 * file and a first-time caller.
 */
class ReceptionistEndToEndTest {
  private static WholeCallHarness parley;
  private static WholeCallHarness.Owner centre;

  @BeforeAll
  static void start() throws Exception {
    parley = WholeCallHarness.start(new LinkedHashMap<>(IsolatedDatabase.properties()));
    centre = parley.owner();
    ReceptionBookings.openTheCentre(parley, centre);
  }

  @AfterAll
  static void stop() {
    if (parley != null) {
      parley.close();
    }
  }

  @Test
  void twoCallersBookTheirServicesWithTheReceptionist() throws Exception {
    Instant before = Instant.now();
    parley.callIn(PersonaCatalog.RECEPTION_KNOWN_CALLER);
    parley.callIn(PersonaCatalog.RECEPTION_NEW_CALLER);

    List<ReceptionBookings.Call> calls = ReceptionBookings.assertBothBooked(centre, before);
    for (ReceptionBookings.Call call : calls) {
      assertThat(call.task().path("task").path("goalAchieved").asBoolean()).isTrue();
      assertThat(WholeCallHarness.data(call.session()))
          .containsEntry("vehicle", call.appointment().path("vehicle").asText());
    }
    assertThat(WholeCallHarness.text(calls.get(0).session(), "human"))
        .contains("Do you have anything in the afternoon?")
        .contains("No, that's all. Thanks, bye.");
  }
}
