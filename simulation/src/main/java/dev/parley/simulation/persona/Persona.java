package dev.parley.simulation.persona;

import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.emulator.callee.CalleeBehaviour.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * SIMULATION ONLY: a scripted callee behind one fictional number.
 *
 * <p>Its {@link #lines} are fixed and ordered: a persona that {@link #speaksFirst} says line 0 on
 * answering and line {@code i} after the agent's {@code i}-th turn ends (otherwise line {@code i}
 * follows the agent's {@code i+1}-th turn). Because both the emulator (which voices them) and the
 * {@code ScriptedRecognizer} (which transcribes them) read the same list, recognition needs no
 * speech model. Only spoken words are lines: the emulator adds a voicemail's beep itself.
 *
 * @param number the persona's number in E.164, in the fictional range ({@link SimulatedNumbers})
 * @param name a short name for logs and the demo ("Bright Smile Dental")
 * @param description what the persona is for, in one sentence
 * @param answer what dialling the number ends in (a person, voicemail, busy, no answer, failure)
 * @param lines what the persona says, one entry per turn it takes
 * @param speaksFirst whether line 0 is said at once on answering ("Hello?")
 * @param hangsUpAfterLastLine whether the persona hangs up on the turn after its last line
 * @param timing ringing, turn gap, barge-in and hang-up timers
 * @param menu whether line 0 is a phone menu that hears only keypresses: line 1 follows the first
 *     DTMF digit, not the agent's speech
 */
public record Persona(
    String number,
    String name,
    String description,
    Outcome answer,
    List<String> lines,
    boolean speaksFirst,
    boolean hangsUpAfterLastLine,
    PersonaTiming timing,
    boolean menu) {

  /**
   * How long a persona waits out the agent's speech stopping dead mid-word (its audio stalled: the
   * synthesiser late or a loop stalled on a loaded machine) before taking the floor. Stalls past
   * the 700 ms turn gap made personas talk over the agent at load 6 to 10; 2 s outlasts those and
   * stays under the 3 s silence timeout the whole-call tests give the agent, for audio that really
   * ends dead (DTMF tones).
   */
  static final Duration STALL_PATIENCE = Duration.ofSeconds(2);

  public Persona {
    if (!SimulatedNumbers.isSimulated(number)) {
      throw new IllegalArgumentException(
          "persona number " + number + " is outside the fictional range +1 NPA 555 01xx");
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(answer, "answer");
    lines = List.copyOf(lines);
    Objects.requireNonNull(timing, "timing");
    boolean answers = answer == Outcome.ANSWER_HUMAN || answer == Outcome.ANSWER_MACHINE;
    if (!answers && !lines.isEmpty()) {
      throw new IllegalArgumentException(name + ": a persona that never answers has no lines");
    }
    if (menu && (answer != Outcome.ANSWER_HUMAN || !speaksFirst || lines.isEmpty())) {
      throw new IllegalArgumentException(name + ": a menu answers and plays line 0 at once");
    }
    if (answer == Outcome.ANSWER_MACHINE && lines.isEmpty()) {
      throw new IllegalArgumentException(name + ": a voicemail needs its greeting as line 0");
    }
  }

  /** A persona that is not a phone menu. */
  public Persona(
      String number,
      String name,
      String description,
      Outcome answer,
      List<String> lines,
      boolean speaksFirst,
      boolean hangsUpAfterLastLine,
      PersonaTiming timing) {
    this(
        number, name, description, answer, lines, speaksFirst, hangsUpAfterLastLine, timing, false);
  }

  /** Line {@code index}, or empty when the persona has no more lines (it says nothing more). */
  public String line(int index) {
    return index >= 0 && index < lines.size() ? lines.get(index) : "";
  }

  /** The emulator behaviour that plays this persona on a simulated line. */
  public CalleeBehaviour behaviour() {
    CalleeBehaviour.Builder b =
        switch (answer) {
          case ANSWER_HUMAN -> CalleeBehaviour.human().speaksFirst(speaksFirst);
          case ANSWER_MACHINE -> CalleeBehaviour.machine(line(0));
          case BUSY -> CalleeBehaviour.busy();
          case NO_ANSWER -> CalleeBehaviour.noAnswer();
          case FAILED -> CalleeBehaviour.failed();
        };
    if (answer == Outcome.ANSWER_HUMAN) {
      lines.forEach(b::say);
    } else if (answer == Outcome.ANSWER_MACHINE) {
      lines.subList(1, lines.size()).forEach(b::say);
    }
    if (hangsUpAfterLastLine) {
      b.hangUp();
    }
    b.ringFor(timing.ringFor()).turnGap(timing.turnGap()).stallPatience(STALL_PATIENCE);
    if (timing.bargeInTurn() == 0) {
      // A chosen turn is interrupted by the catalogue's InterruptingCallee instead.
      timing.bargeInAfter().ifPresent(b::bargeInAfter);
    }
    timing.hangUpAfter().ifPresent(b::hangUpAfter);
    return b.build();
  }
}
