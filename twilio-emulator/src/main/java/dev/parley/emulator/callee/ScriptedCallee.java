package dev.parley.emulator.callee;

import dev.parley.audio.codec.MuLaw;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * SIMULATION ONLY: a callee that follows a {@link CalleeBehaviour}'s script turn by turn.
 *
 * <p>It waits for the agent to finish a turn (speech, then {@code turnGap} of silence in what it
 * hears, or {@code stallPatience} when the speech stopped dead mid-sound) before taking its own, or
 * takes the floor early when {@code bargeInAfter} is set. Lines are synthesised ahead of time on
 * {@code synthesis} so the media clock never waits on a synthesiser; if a line is not ready when
 * its turn comes, the callee stays silent until it is.
 */
public final class ScriptedCallee implements SimulatedCallee {

  private static final int FRAME_MS = 20;

  /**
   * How long an opening line waits for a Media Stream once the application's TwiML runs without one
   * (150 frames = 3 s): the callee's "Hello?" is meant for the agent, who only hears it once the
   * stream is up. While the TwiML is still being fetched or its stream is still connecting the line
   * waits for that, however long it takes: on a loaded machine it took longer than 3 s, and the
   * hello went unheard (OfflineVoiceTest at load 13).
   */
  static final int OPENING_WAIT_FRAMES = 150;

  private final CalleeBehaviour behaviour;
  private final List<CalleeTurn> turns;
  private final List<CompletableFuture<byte[]>> lines;
  private final SpeechActivity ear;
  private final int bargeInFrames;
  private CalleeContext context;
  private int nextTurn;
  private boolean turnDue;
  private byte[] speech;
  private int speechPos;

  /**
   * A callee following {@code behaviour}, voicing lines with {@code source} on {@code synthesis}.
   */
  public ScriptedCallee(CalleeBehaviour behaviour, CalleeAudioSource source, Executor synthesis) {
    this.behaviour = behaviour;
    this.turns = behaviour.script();
    this.lines = new ArrayList<>(turns.size());
    boolean machine = behaviour.outcome() == CalleeBehaviour.Outcome.ANSWER_MACHINE;
    for (int i = 0; i < turns.size(); i++) {
      CalleeTurn turn = turns.get(i);
      if (turn.kind() == CalleeTurn.Kind.SAY) {
        Function<byte[], byte[]> finish =
            machine && i == 0 ? ScriptedCallee::appendBeep : Function.identity();
        lines.add(
            CompletableFuture.supplyAsync(() -> source.synthesize(turn.argument()), synthesis)
                .thenApply(finish));
      } else {
        lines.add(CompletableFuture.completedFuture(new byte[0]));
      }
    }
    int turnGapFrames = frames(behaviour.turnGap());
    this.ear =
        new SpeechActivity(
            turnGapFrames,
            behaviour.stallPatience().map(ScriptedCallee::frames).orElse(turnGapFrames));
    this.bargeInFrames =
        behaviour.bargeInAfter().map(d -> (int) Math.max(1, d.toMillis() / FRAME_MS)).orElse(-1);
  }

  @Override
  public void onAnswered(CalleeContext context) {
    this.context = context;
    this.turnDue = behaviour.speaksFirst();
  }

  @Override
  public void onFrame(byte[] heard, byte[] said) {
    boolean agentTurnEnded = ear.onFrame(heard);
    if (speech == null) {
      if (agentTurnEnded) {
        turnDue = true;
      } else if (!turnDue && wantsToBargeIn()) {
        turnDue = true;
        context.note("barge-in");
      }
      if (turnDue) {
        takeTurn();
      }
    }
    if (speech != null) {
      int n = Math.min(said.length, speech.length - speechPos);
      System.arraycopy(speech, speechPos, said, 0, n);
      speechPos += n;
      if (speechPos >= speech.length) {
        speech = null;
        // Having spoken, a person waits for the answer: agent speech that ended while they were
        // still talking (a greeting they spoke over) is not a reply to what they just said.
        ear.resetTurn();
        context.note("finished line");
      }
    }
  }

  private static int frames(Duration d) {
    return (int) (d.toMillis() / FRAME_MS);
  }

  private boolean wantsToBargeIn() {
    return bargeInFrames > 0
        && ear.speaking()
        && ear.turnFrames() >= bargeInFrames
        && nextTurn < turns.size()
        && turns.get(nextTurn).kind() == CalleeTurn.Kind.SAY;
  }

  private void takeTurn() {
    if (nextTurn >= turns.size()) {
      turnDue = false;
      return;
    }
    // A person's hello waits for the stream; voicemail plays its greeting regardless (and
    // DetectMessageEnd waits for that greeting before connecting anything).
    if (nextTurn == 0
        && behaviour.speaksFirst()
        && behaviour.outcome() == CalleeBehaviour.Outcome.ANSWER_HUMAN
        && !context.streamOpen()
        && (context.applicationPending() || context.frameIndex() < OPENING_WAIT_FRAMES)) {
      return;
    }
    CalleeTurn turn = turns.get(nextTurn);
    switch (turn.kind()) {
      case SAY -> {
        CompletableFuture<byte[]> line = lines.get(nextTurn);
        if (!line.isDone()) {
          return;
        }
        speech = line.isCompletedExceptionally() ? new byte[0] : line.join();
        speechPos = 0;
        context.note("says: " + turn.argument());
      }
      case PRESS -> context.pressDigits(turn.argument());
      case HANG_UP -> context.hangUp();
    }
    nextTurn++;
    turnDue = false;
    ear.resetTurn();
  }

  /** Voicemail's beep: 1 kHz for 400 ms after a short pause, the cue to leave a message. */
  static byte[] appendBeep(byte[] greeting) {
    int pause = 8000 * 300 / 1000;
    int beep = 8000 * 400 / 1000;
    byte[] out = new byte[greeting.length + pause + beep];
    System.arraycopy(greeting, 0, out, 0, greeting.length);
    for (int i = greeting.length; i < greeting.length + pause; i++) {
      out[i] = MuLaw.SILENCE;
    }
    for (int i = 0; i < beep; i++) {
      out[greeting.length + pause + i] =
          MuLaw.encode((int) (0.3 * 32767 * Math.sin(2 * Math.PI * 1000 * i / 8000.0)));
    }
    return out;
  }
}
