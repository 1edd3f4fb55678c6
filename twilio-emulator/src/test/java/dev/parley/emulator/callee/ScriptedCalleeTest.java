package dev.parley.emulator.callee;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.audio.codec.MuLaw;
import dev.parley.audio.tts.OfflineSpeechSynthesizer;
import dev.parley.emulator.support.Tones;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Turn-taking mechanics, frame by frame, without a network. */
class ScriptedCalleeTest {

  private final List<String> log = new ArrayList<>();
  private final byte[] loud = Arrays.copyOf(Tones.tone(1, 8000), 160);
  private final byte[] quiet = filled(MuLaw.SILENCE);

  /** Audible but below speech level: a syllable fading out (mean level about 100). */
  private final byte[] soft = Arrays.copyOf(Tones.tone(1, 160), 160);

  private long frame;

  private final CalleeContext context =
      new CalleeContext() {
        @Override
        public String callSid() {
          return "CAtest";
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
        public void pressDigits(String digits) {
          log.add("press " + digits);
        }

        @Override
        public void hangUp() {
          log.add("hang up");
        }

        @Override
        public void note(String what) {
          log.add(what);
        }
      };

  private static byte[] filled(byte b) {
    byte[] f = new byte[160];
    Arrays.fill(f, b);
    return f;
  }

  /** A source making each line exactly {@code frames} loud frames. */
  private static CalleeAudioSource fixed(int frames) {
    return text -> Tones.tone(frames, 8000);
  }

  private ScriptedCallee callee(CalleeBehaviour b) {
    ScriptedCallee c = new ScriptedCallee(b, fixed(10), Runnable::run);
    c.onAnswered(context);
    return c;
  }

  /** Feeds {@code n} frames of {@code heard}; returns how many frames the callee spoke in. */
  private int feed(ScriptedCallee c, byte[] heard, int n) {
    int spoke = 0;
    for (int i = 0; i < n; i++) {
      byte[] said = filled(MuLaw.SILENCE);
      c.onFrame(heard, said);
      frame++;
      if (LineLevel.meanLevel(said, 0, 160) > 300) {
        spoke++;
      }
    }
    return spoke;
  }

  @Test
  void speaksFirstThenWaitsForTheAgentToFinishItsTurn() {
    ScriptedCallee c =
        callee(CalleeBehaviour.human("Hello?", "Yes.").turnGap(Duration.ofMillis(200)).build());
    assertThat(feed(c, quiet, 30)).isEqualTo(10);
    // Silence alone is not a turn: the callee keeps waiting.
    assertThat(feed(c, quiet, 50)).isZero();
    // The agent talks; the callee does not interrupt.
    assertThat(feed(c, loud, 40)).isZero();
    // 200 ms (10 frames) of silence ends the agent's turn; then the callee answers.
    assertThat(feed(c, quiet, 9)).isZero();
    assertThat(feed(c, quiet, 20)).isEqualTo(10);
    assertThat(log).containsSubsequence("says: Hello?", "says: Yes.");
  }

  @Test
  void speechThatStopsDeadIsAStallNotTheEndOfTheAgentsTurn() {
    ScriptedCallee c =
        callee(
            CalleeBehaviour.human("Hello?", "Yes.")
                .turnGap(Duration.ofMillis(200))
                .stallPatience(Duration.ofMillis(1000))
                .build());
    feed(c, quiet, 30);
    // The agent's audio stalls mid-word for 600 ms, three turn gaps: the callee waits it out.
    assertThat(feed(c, loud, 40)).isZero();
    assertThat(feed(c, quiet, 30)).isZero();
    // The rest of the sentence, trailing off at its end: then a turn gap is enough.
    assertThat(feed(c, loud, 20)).isZero();
    assertThat(feed(c, soft, 4)).isZero();
    assertThat(feed(c, quiet, 5)).isZero();
    assertThat(feed(c, quiet, 20)).isEqualTo(10);
    assertThat(log).containsSubsequence("says: Hello?", "says: Yes.");
  }

  @Test
  void speechThatStopsDeadAndStaysStoppedIsAnsweredAfterThePatience() {
    ScriptedCallee c =
        callee(
            CalleeBehaviour.human("Hello?", "Yes.")
                .turnGap(Duration.ofMillis(200))
                .stallPatience(Duration.ofMillis(1000))
                .build());
    feed(c, quiet, 30);
    feed(c, loud, 40);
    // A single soft frame before the silence is no trailing off: still a stall.
    feed(c, soft, 1);
    assertThat(feed(c, quiet, 48)).isZero();
    assertThat(feed(c, quiet, 20)).isEqualTo(10);
  }

  @Test
  void withoutStallPatienceSpeechThatStopsDeadEndsTheTurnAfterTheGap() {
    ScriptedCallee c =
        callee(CalleeBehaviour.human("Hello?", "Yes.").turnGap(Duration.ofMillis(200)).build());
    feed(c, quiet, 30);
    feed(c, loud, 40);
    assertThat(feed(c, quiet, 9)).isZero();
    assertThat(feed(c, quiet, 20)).isEqualTo(10);
  }

  @Test
  void theOfflineSynthesisersSpeechTrailsOffAtItsEndAndStopsDeadWhenCutMidWord() {
    byte[] line;
    try (OfflineSpeechSynthesizer tts = new OfflineSpeechSynthesizer(1)) {
      line = tts.synthesize("Thank you for calling Bright Gear Auto Service. How can I help you?");
    }
    CalleeBehaviour persona =
        CalleeBehaviour.human("Hi.")
            .speaksFirst(false)
            .turnGap(Duration.ofMillis(700))
            .stallPatience(Duration.ofMillis(2000))
            .build();

    // Said in full: the end trails off, so the callee answers after the turn gap, not the patience.
    ScriptedCallee whole = callee(persona);
    assertThat(hear(whole, line, 0, line.length / 160)).as("no answer mid-line").isZero();
    int waited = 0;
    while (feed(whole, quiet, 1) == 0 && waited < 200) {
      waited++;
    }
    assertThat(waited).as("frames of silence before the answer").isBetween(20, 35);

    // Cut on a loud frame mid-line and stalled for 1.2 s: the callee waits for the rest.
    int cut = line.length / 160 / 2;
    while (LineLevel.meanLevel(line, cut * 160, 160) < SpeechActivity.SPEECH_LEVEL) {
      cut++;
    }
    ScriptedCallee stalled = callee(persona);
    assertThat(hear(stalled, line, 0, cut + 1)).isZero();
    assertThat(feed(stalled, quiet, 60)).as("no answer during the stall").isZero();
    assertThat(hear(stalled, line, cut + 1, line.length / 160)).isZero();
    assertThat(feed(stalled, quiet, 50)).isEqualTo(10);
  }

  /** Feeds frames {@code from} to {@code to} (exclusive) of {@code audio}; frames spoken in. */
  private int hear(ScriptedCallee c, byte[] audio, int from, int to) {
    int spoke = 0;
    for (int f = from; f < to; f++) {
      spoke += feed(c, Arrays.copyOfRange(audio, f * 160, f * 160 + 160), 1);
    }
    return spoke;
  }

  @Test
  void bargesInOnceTheAgentHasTalkedLongEnough() {
    ScriptedCallee c =
        callee(
            CalleeBehaviour.human("Hello?", "Wait, stop!")
                .bargeInAfter(Duration.ofMillis(400))
                .build());
    feed(c, quiet, 30);
    // 400 ms = 20 frames into the agent's speech the callee starts talking over it.
    assertThat(feed(c, loud, 15)).isZero();
    assertThat(feed(c, loud, 30)).isEqualTo(10);
    assertThat(log).contains("barge-in", "says: Wait, stop!");
  }

  @Test
  void pressesDigitsAndHangsUpOnLaterTurns() {
    ScriptedCallee c =
        callee(
            CalleeBehaviour.human()
                .speaksFirst(false)
                .press("42#")
                .hangUp()
                .turnGap(Duration.ofMillis(100))
                .build());
    feed(c, loud, 10);
    feed(c, quiet, 10);
    assertThat(log).containsExactly("press 42#");
    feed(c, loud, 10);
    feed(c, quiet, 10);
    assertThat(log).containsExactly("press 42#", "hang up");
  }

  @Test
  void voicemailGreetingEndsWithABeep() {
    byte[] greeting = Tones.tone(5, 1000);
    byte[] withBeep = ScriptedCallee.appendBeep(greeting);
    assertThat(withBeep.length).isEqualTo(greeting.length + 2400 + 3200);
    assertThat(LineLevel.meanLevel(withBeep, greeting.length + 2400, 3200)).isGreaterThan(5000);
  }

  @Test
  void syntheticSpeechIsDeterministicAndSpeechLike() {
    SyntheticSpeechSource voice = new SyntheticSpeechSource(140);
    byte[] a = voice.synthesize("Yes, that works for me.");
    assertThat(a).isEqualTo(voice.synthesize("Yes, that works for me."));
    assertThat(a.length / 8).isBetween(800, 2500);
    int loudFrames = 0;
    for (int i = 0; i + 160 <= a.length; i += 160) {
      if (LineLevel.meanLevel(a, i, 160) > 330) {
        loudFrames++;
      }
    }
    // Talk spurts with syllable and word gaps, like speech (roughly half active).
    assertThat(loudFrames).isGreaterThan(a.length / 160 / 3);
  }
}
