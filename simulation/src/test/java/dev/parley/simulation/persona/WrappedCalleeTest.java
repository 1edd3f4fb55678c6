package dev.parley.simulation.persona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.dtmf.DtmfToneGenerator;
import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.emulator.callee.CalleeContext;
import dev.parley.emulator.callee.CalleeDirectory;
import dev.parley.emulator.callee.SimulatedCallee;
import dev.parley.emulator.callee.SyntheticSpeechSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Personas whose scripted callee hears through a wrapper (the phone menu, the interrupting caller),
 * driven frame by frame as the emulator's media clock drives a callee.
 */
class WrappedCalleeTest {

  private final ExecutorService synthesis = Executors.newSingleThreadExecutor();
  private final CalleeDirectory directory = new CalleeDirectory(synthesis);
  private final PersonaCatalog catalog = PersonaCatalog.standard();
  private final List<String> notes = new ArrayList<>();
  private final byte[] said = new byte[MuLaw.FRAME_SAMPLES];
  private long frame;
  private SimulatedCallee callee;

  @AfterEach
  void stop() {
    synthesis.shutdownNow();
  }

  private void answer(String number) {
    catalog.registerAll(directory);
    CalleeDirectory.Entry entry = directory.lookup(number);
    callee = entry.factory().create(number, entry.behaviour());
    callee.onAnswered(
        new CalleeContext() {
          @Override
          public String callSid() {
            return "CA-test";
          }

          @Override
          public long frameIndex() {
            return frame;
          }

          @Override
          public boolean streamOpen() {
            return true;
          }

          @Override
          public void pressDigits(String digits) {}

          @Override
          public void hangUp() {
            notes.add("hang-up");
          }

          @Override
          public void note(String what) {
            notes.add(what);
          }
        });
  }

  private void hear(byte[] audio) {
    for (int p = 0; p + MuLaw.FRAME_SAMPLES <= audio.length; p += MuLaw.FRAME_SAMPLES) {
      Arrays.fill(said, MuLaw.SILENCE);
      callee.onFrame(Arrays.copyOfRange(audio, p, p + MuLaw.FRAME_SAMPLES), said);
      frame++;
    }
  }

  private static byte[] silence(int ms) {
    byte[] b = new byte[ms * 8];
    Arrays.fill(b, MuLaw.SILENCE);
    return b;
  }

  private long lines() {
    return notes.stream().filter(n -> n.startsWith("says: ")).count();
  }

  private void playMenu() throws InterruptedException {
    // Line 0 is synthesised off the clock; tick until the menu has been said in full.
    for (int i = 0; i < 500 && !notes.contains("finished line"); i++) {
      hear(silence(20));
      if (!notes.contains("says: " + catalog.find(PersonaCatalog.IVR).orElseThrow().line(0))) {
        Thread.sleep(5);
      }
    }
    assertThat(notes).contains("finished line");
  }

  @Test
  void theMenuIgnoresSpeechAndAnswersAKeypress() throws InterruptedException {
    Persona ivr = catalog.find(PersonaCatalog.IVR).orElseThrow();
    answer(PersonaCatalog.IVR);
    playMenu();
    assertThat(lines()).isEqualTo(1);

    byte[] agent = new SyntheticSpeechSource(120).synthesize("I would like an appointment please");
    hear(agent);
    hear(silence(2000));
    assertThat(lines()).as("talking to the menu gets no answer").isEqualTo(1);

    DtmfToneGenerator keys = new DtmfToneGenerator();
    keys.enqueue('1');
    byte[] tone = new byte[MuLaw.FRAME_SAMPLES * 10];
    for (int p = 0; p < tone.length; p += MuLaw.FRAME_SAMPLES) {
      keys.writeFrame(tone, p, MuLaw.FRAME_SAMPLES);
    }
    hear(tone);
    for (int i = 0; i < 200 && lines() < 2; i++) {
      hear(silence(20));
      Thread.sleep(2);
    }
    assertThat(notes).contains("menu: pressed 1", "says: " + ivr.line(1));
  }

  private void waitForLine(int n) throws InterruptedException {
    for (int i = 0; i < 1000 && notes.stream().filter("finished line"::equals).count() < n; i++) {
      hear(silence(20));
      Thread.sleep(1);
    }
    assertThat(notes.stream().filter("finished line"::equals).count()).isEqualTo(n);
  }

  @Test
  void theInterrupterTalksOverTheSecondTurnOnly() throws InterruptedException {
    Persona p = catalog.find(PersonaCatalog.INTERRUPTS).orElseThrow();
    answer(PersonaCatalog.INTERRUPTS);
    waitForLine(1);
    SyntheticSpeechSource voice = new SyntheticSpeechSource(120);
    byte[] firstTurn =
        voice.synthesize("Hi, this is the assistant calling about your booking today");
    assertThat(firstTurn.length / 8).isGreaterThan(2500);
    hear(firstTurn);
    assertThat(lines()).as("the first turn is heard out").isEqualTo(1);
    waitForLine(2);
    assertThat(notes).contains("says: " + p.line(1));

    byte[] secondTurn =
        voice.synthesize(
            "We would like to move your appointment to Friday morning at nine if that suits you"
                + " and your family");
    int half = secondTurn.length / 2 / MuLaw.FRAME_SAMPLES * MuLaw.FRAME_SAMPLES;
    assertThat(half / 8).isGreaterThan(1500 + 700 + 200);
    hear(Arrays.copyOf(secondTurn, half));
    assertThat(notes)
        .as("the second turn is interrupted while the agent still talks")
        .contains("interrupting agent turn 2", "says: " + p.line(2));
  }

  @Test
  void aPersonWhoIsNotAMenuAnswersSpeech() throws InterruptedException {
    answer(PersonaCatalog.DENTAL);
    for (int i = 0; i < 500 && !notes.contains("finished line"); i++) {
      hear(silence(20));
      Thread.sleep(2);
    }
    hear(new SyntheticSpeechSource(120).synthesize("I would like a cleaning please"));
    for (int i = 0; i < 200 && lines() < 2; i++) {
      hear(silence(20));
      Thread.sleep(2);
    }
    assertThat(lines()).isEqualTo(2);
    CalleeBehaviour b = directory.lookup(PersonaCatalog.DENTAL).behaviour();
    assertThat(b.script()).isNotEmpty();
  }
}
