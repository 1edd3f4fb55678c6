package dev.parley.simulation.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.emulator.callee.CalleeBehaviour.Outcome;
import dev.parley.emulator.callee.CalleeDirectory;
import dev.parley.emulator.callee.CalleeTurn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class PersonaCatalogTest {

  private final PersonaCatalog catalog = PersonaCatalog.standard();

  @Test
  void everyPersonaIsInTheFictionalRangeAndRegistered() {
    CalleeDirectory directory = new CalleeDirectory(Executors.newSingleThreadExecutor());
    catalog.registerAll(directory);
    assertThat(catalog.personas()).hasSize(14);
    for (Persona p : catalog.personas()) {
      assertThat(p.number()).matches("\\+12125550[1]\\d\\d");
      assertThat(SimulatedNumbers.isSimulated(p.number())).isTrue();
      CalleeBehaviour registered = directory.lookup(p.number()).behaviour();
      assertThat(registered).isEqualTo(p.behaviour());
      List<String> said =
          registered.script().stream()
              .filter(t -> t.kind() == CalleeTurn.Kind.SAY)
              .map(CalleeTurn::argument)
              .toList();
      // The emulator speaks exactly the lines the recogniser will transcribe, in order.
      assertThat(said).as(p.name()).isEqualTo(p.lines());
    }
  }

  @Test
  void catalogueCoversEveryScenario() {
    assertThat(catalog.personas())
        .extracting(Persona::number)
        .containsExactlyInAnyOrder(
            PersonaCatalog.DENTAL,
            PersonaCatalog.DENTAL_OVER_LIMIT,
            PersonaCatalog.GYM,
            PersonaCatalog.CAR_SERVICE_CUSTOMER,
            PersonaCatalog.RECEPTION_KNOWN_CALLER,
            PersonaCatalog.RECEPTION_NEW_CALLER,
            PersonaCatalog.IVR,
            PersonaCatalog.DO_NOT_CALL,
            PersonaCatalog.VOICEMAIL,
            PersonaCatalog.BUSY,
            PersonaCatalog.NO_ANSWER,
            PersonaCatalog.WRONG_NUMBER,
            PersonaCatalog.HANGS_UP_MID_SENTENCE,
            PersonaCatalog.INTERRUPTS);
    Persona dental = catalog.find(PersonaCatalog.DENTAL).orElseThrow();
    assertThat(dental.lines())
        .containsExactly(
            "Bright Smile Dental, this is Maria speaking, how can I help you?",
            "We have an opening this Thursday at 10:30 in the morning for a cleaning, and it's 120"
                + " dollars.",
            "You're all set for Thursday at 10:30. Your confirmation number is B as in bravo, 7,"
                + " 4, X-ray, 9.",
            "You're welcome, have a great day!");
    assertThat(catalog.find(PersonaCatalog.DENTAL_OVER_LIMIT).orElseThrow().line(1))
        .contains("240 dollars");
    assertThat(catalog.find(PersonaCatalog.IVR).orElseThrow().line(0))
        .isEqualTo(
            "Thank you for calling City Dental. For appointments, press 1. For billing, press 2.");
    assertThat(catalog.find(PersonaCatalog.WRONG_NUMBER).orElseThrow().lines())
        .contains("Sorry, there's no one here by that name.");
    assertThat(catalog.find(PersonaCatalog.DO_NOT_CALL).orElseThrow().lines())
        .contains("Please stop calling me and put me on your do not call list.");
  }

  @Test
  void behavioursMatchTheScenario() {
    CalleeBehaviour voicemail = catalog.find(PersonaCatalog.VOICEMAIL).orElseThrow().behaviour();
    assertThat(voicemail.outcome()).isEqualTo(Outcome.ANSWER_MACHINE);
    assertThat(voicemail.script()).hasSize(1);
    assertThat(catalog.find(PersonaCatalog.BUSY).orElseThrow().behaviour().outcome())
        .isEqualTo(Outcome.BUSY);
    assertThat(catalog.find(PersonaCatalog.NO_ANSWER).orElseThrow().behaviour().answers())
        .isFalse();
    CalleeBehaviour wrong = catalog.find(PersonaCatalog.WRONG_NUMBER).orElseThrow().behaviour();
    assertThat(wrong.script().get(wrong.script().size() - 1).kind())
        .isEqualTo(CalleeTurn.Kind.HANG_UP);
    assertThat(
            catalog
                .find(PersonaCatalog.HANGS_UP_MID_SENTENCE)
                .orElseThrow()
                .behaviour()
                .hangUpAfter())
        .contains(Duration.ofSeconds(8));
    Persona interrupts = catalog.find(PersonaCatalog.INTERRUPTS).orElseThrow();
    assertThat(interrupts.timing().bargeInTurn()).isEqualTo(2);
    assertThat(interrupts.timing().bargeInAfter()).contains(Duration.ofMillis(1500));
    // The chosen turn is interrupted by the catalogue's wrapper, not on every turn.
    assertThat(interrupts.behaviour().bargeInAfter()).isEmpty();
  }

  @Test
  void resolvesOnlyFictionalNumbers() {
    assertThat(catalog.resolve("+14155552671")).isEmpty();
    assertThat(catalog.resolve("+121255501")).isEmpty();
    // An uncatalogued fictional number reaches the emulator's built-in callee, lines and all.
    Persona plain = catalog.resolve("+13125550110").orElseThrow();
    assertThat(plain.lines())
        .isEqualTo(
            CalleeDirectory.defaultBehaviour("+13125550110").script().stream()
                .filter(t -> t.kind() == CalleeTurn.Kind.SAY)
                .map(CalleeTurn::argument)
                .toList())
        .isNotEmpty();
    assertThat(catalog.resolve("+12125550199").orElseThrow().answer()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void rejectsPersonaOutsideTheRange() {
    assertThatThrownBy(
            () ->
                new Persona(
                    "+14155552671",
                    "real",
                    "",
                    Outcome.ANSWER_HUMAN,
                    List.of("Hi"),
                    true,
                    false,
                    PersonaTiming.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fictional range");
  }
}
