package dev.parley.simulation.recognizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.audio.signal.NoiseGenerator;
import dev.parley.audio.signal.TestAudio;
import dev.parley.media.speech.SpeechToText;
import dev.parley.simulation.persona.Persona;
import dev.parley.simulation.persona.PersonaCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recogniser over real synthesised persona audio (the offline voice the emulator's callees
 * use), with silence between turns and line noise mixed in: its VAD finds the utterances, the
 * persona supplies the words.
 */
class ScriptedRecognizerTest {

  private static final int GAP_MS = 2500;

  /** Parley's own number, outside the simulated range. */
  private static final String PARLEY = "+14155550000";

  private final PersonaCatalog catalog = PersonaCatalog.standard();
  private final ScriptedRecognizer recognizer = new ScriptedRecognizer(catalog);

  record Heard(int seq, boolean isFinal, int startMs, int endMs, float confidence, String text) {}

  static final class Recorder implements SpeechToText.Listener {
    final List<Heard> heard = new ArrayList<>();

    @Override
    public void onTranscript(
        int seq, boolean isFinal, int startMs, int endMs, float confidence, String text) {
      heard.add(new Heard(seq, isFinal, startMs, endMs, confidence, text));
    }

    List<Heard> finals() {
      return heard.stream().filter(Heard::isFinal).toList();
    }

    List<Heard> interims() {
      return heard.stream().filter(h -> !h.isFinal()).toList();
    }
  }

  /** Each line spoken after a pause, as a callee answers turn by turn, over pink line noise. */
  private static TestAudio conversation(List<byte[]> turns, double noiseDbov) {
    int total = 1000;
    for (byte[] t : turns) {
      total += t.length / 8 + GAP_MS;
    }
    TestAudio.Builder b = TestAudio.builder(total);
    int at = 1000;
    for (byte[] t : turns) {
      b.speech(at, t);
      at += t.length / 8 + GAP_MS;
    }
    return b.noise(NoiseGenerator.pink(7, noiseDbov)).build();
  }

  private static void feed(SpeechToText.Session session, byte[] audio) {
    // Twilio's 20 ms frames, as the media server hands them on.
    for (int p = 0; p < audio.length; p += 160) {
      session.sendAudio(audio, p, Math.min(160, audio.length - p), p);
    }
  }

  private SpeechToText.Session open(String number, Recorder recorder) {
    return recognizer.open(call("call-" + number, number), recorder);
  }

  @Test
  void transcribesTheDentalOfficeLineByLineAtTheTimesItSpoke() {
    Persona dental = catalog.find(PersonaCatalog.DENTAL).orElseThrow();
    TestAudio audio = conversation(dental.lines().stream().map(PersonaAudio::speak).toList(), -50);
    Recorder recorder = new Recorder();
    try (SpeechToText.Session session = open(PersonaCatalog.DENTAL, recorder)) {
      feed(session, audio.muLaw());
    }

    List<Heard> finals = recorder.finals();
    assertThat(finals).extracting(Heard::text).containsExactlyElementsOf(dental.lines());
    assertThat(finals).extracting(Heard::seq).containsExactly(0, 1, 2, 3);
    List<TestAudio.Utterance> truth = audio.utterances();
    assertThat(truth).hasSize(4);
    for (int i = 0; i < finals.size(); i++) {
      Heard f = finals.get(i);
      TestAudio.Utterance u = truth.get(i);
      // Start and end within a syllable of the truth. The truth's edges are 40 dB under the peak,
      // the VAD's 9 dB over the noise floor: a soft onset ("We ...") and the voice's decaying tail
      // lie between.
      assertThat((double) f.startMs()).isBetween(u.onsetMillis() - 100, u.onsetMillis() + 300);
      assertThat((double) f.endMs()).isBetween(u.endMillis() - 300, u.endMillis() + 300);
    }
    // Interims grow word by word within the utterance they belong to, and never complete it.
    assertThat(recorder.interims()).isNotEmpty();
    for (Heard interim : recorder.interims()) {
      Heard fin = finals.get(interim.seq());
      assertThat(fin.text()).startsWith(interim.text());
      assertThat(interim.text()).isNotEqualTo(fin.text());
      assertThat(interim.startMs()).isEqualTo(fin.startMs());
      assertThat(interim.endMs()).isLessThanOrEqualTo(fin.endMs() + 600);
    }
    assertThat(recorder.interims().stream().map(Heard::seq).distinct()).hasSize(4);
  }

  @Test
  void everyTalkingPersonaIsTranscribedInOrderOverNoise() {
    for (Persona p : catalog.personas()) {
      if (p.lines().isEmpty()
          || p.answer() != dev.parley.emulator.callee.CalleeBehaviour.Outcome.ANSWER_HUMAN) {
        continue;
      }
      TestAudio audio = conversation(p.lines().stream().map(PersonaAudio::speak).toList(), -45);
      Recorder recorder = new Recorder();
      try (SpeechToText.Session session = open(p.number(), recorder)) {
        feed(session, audio.muLaw());
      }
      assertThat(recorder.finals()).as(p.name()).extracting(Heard::text).isEqualTo(p.lines());
    }
  }

  @Test
  void aVoicemailBeepTakesNoLine() {
    Persona voicemail = catalog.find(PersonaCatalog.VOICEMAIL).orElseThrow();
    byte[] greeting = PersonaAudio.speak(voicemail.line(0));
    // The beep well apart from the greeting, so the VAD sees it as an utterance of its own.
    TestAudio audio =
        TestAudio.builder(greeting.length / 8 + 6000)
            .speech(500, greeting)
            .background(
                greeting.length / 8 + 2000,
                dev.parley.audio.signal.SignalMixer.toPcm(PersonaAudio.beep(400)),
                0)
            .noise(NoiseGenerator.pink(3, -50))
            .build();
    Recorder recorder = new Recorder();
    try (SpeechToText.Session session = open(PersonaCatalog.VOICEMAIL, recorder)) {
      feed(session, audio.muLaw());
    }
    assertThat(recorder.finals()).extracting(Heard::text).containsExactly(voicemail.line(0));
  }

  @Test
  void aCalleeCutOffMidLineIsTranscribedUpToWhereItStopped() {
    Persona p = catalog.find(PersonaCatalog.HANGS_UP_MID_SENTENCE).orElseThrow();
    byte[] hello = PersonaAudio.speak(p.line(0));
    byte[] longLine = PersonaAudio.speak(p.line(1));
    Recorder recorder = new Recorder();
    try (SpeechToText.Session session = open(p.number(), recorder)) {
      TestAudio audio = conversation(List.of(hello, longLine), -50);
      // The call ends three seconds into the long line.
      int cut = (1000 + hello.length / 8 + GAP_MS + 3000) * 8;
      byte[] heard = java.util.Arrays.copyOf(audio.muLaw(), cut);
      feed(session, heard);
    }
    List<Heard> finals = recorder.finals();
    assertThat(finals).hasSize(2);
    assertThat(finals.get(0).text()).isEqualTo(p.line(0));
    String partial = finals.get(1).text();
    assertThat(p.line(1)).startsWith(partial);
    assertThat(partial.split(" ").length).isBetween(3, p.line(1).split(" ").length / 2);
  }

  @Test
  void refusesARealNumber() {
    assertThatThrownBy(() -> recognizer.open(call("real", "+14155552671"), new Recorder()))
        .isInstanceOf(UnsimulatedNumberException.class)
        .hasMessageContaining("+14155552671")
        .hasMessageContaining("SIMULATION ONLY");
  }

  @Test
  void takesTheNumberFromTheCallNotTheStreamParameters() {
    // A stream parameter naming a simulated number does not make a real call simulated.
    SpeechToText.CallInfo real =
        new SpeechToText.CallInfo(
            "mixed", "en-US", "+14155552671", "", java.util.Map.of("to", PersonaCatalog.GYM));
    assertThatThrownBy(() -> recognizer.open(real, new Recorder()))
        .isInstanceOf(UnsimulatedNumberException.class);
    recognizer.open(call("gym", PersonaCatalog.GYM), new Recorder()).close();
  }

  @Test
  void onAnInboundCallTheCallerIsTheRemoteParty() {
    Persona dental = catalog.find(PersonaCatalog.DENTAL).orElseThrow();
    TestAudio audio =
        conversation(dental.lines().stream().limit(2).map(PersonaAudio::speak).toList(), -50);
    java.util.Map<String, String> stream =
        java.util.Map.of("direction", "inbound", "from", PersonaCatalog.DENTAL, "to", PARLEY);
    // Without SESSION_START the media server passes the stream's "to": Parley's own number.
    for (String remote : List.of(PARLEY, "")) {
      Recorder recorder = new Recorder();
      try (SpeechToText.Session session =
          recognizer.open(
              new SpeechToText.CallInfo("inbound", "en-US", remote, "", stream), recorder)) {
        feed(session, audio.muLaw());
      }
      assertThat(recorder.finals())
          .as("remote '%s'", remote)
          .extracting(Heard::text)
          .containsExactlyElementsOf(dental.lines().subList(0, 2));
    }
  }

  @Test
  void anInboundStreamsCallerDoesNotOverrideARealRemoteNumber() {
    SpeechToText.CallInfo real =
        new SpeechToText.CallInfo(
            "inbound-real",
            "en-US",
            "+14155552671",
            "",
            java.util.Map.of("direction", "inbound", "from", PersonaCatalog.DENTAL, "to", PARLEY));
    assertThatThrownBy(() -> recognizer.open(real, new Recorder()))
        .isInstanceOf(UnsimulatedNumberException.class)
        .hasMessageContaining("+14155552671");
  }

  @Test
  void refusesACallItHasNoNumberFor() {
    assertThatThrownBy(
            () ->
                recognizer.open(SpeechToText.CallInfo.of("unknown-call", "en-US"), new Recorder()))
        .isInstanceOf(UnsimulatedNumberException.class)
        .hasMessageContaining("unknown-call");
  }

  @Test
  void beyondTheScriptAnUtteranceHasNoWords() {
    Persona wrong = catalog.find(PersonaCatalog.WRONG_NUMBER).orElseThrow();
    List<byte[]> turns = new ArrayList<>();
    wrong.lines().forEach(l -> turns.add(PersonaAudio.speak(l)));
    turns.add(PersonaAudio.speak("Something nobody scripted."));
    Recorder recorder = new Recorder();
    try (SpeechToText.Session session = open(wrong.number(), recorder)) {
      feed(session, conversation(turns, -50).muLaw());
    }
    assertThat(recorder.finals())
        .extracting(Heard::text)
        .containsExactly(wrong.line(0), wrong.line(1), "");
    assertThat(recorder.finals().get(2).confidence()).isZero();
  }

  private static SpeechToText.CallInfo call(String id, String number) {
    return new SpeechToText.CallInfo(id, "en-US", number, "", java.util.Map.of());
  }
}
