package dev.parley.simulation.recognizer;

import dev.parley.audio.vad.VadConfig;
import dev.parley.media.speech.SpeechToText;
import dev.parley.simulation.persona.Persona;
import dev.parley.simulation.persona.PersonaCatalog;
import dev.parley.simulation.persona.SimulatedNumbers;
import java.util.Map;
import java.util.Objects;

/**
 * SIMULATION ONLY: a {@link SpeechToText} for calls with simulated callees. Never use it on a
 * production path: it refuses, at {@link #open}, any call whose remote number is not in the
 * fictional range {@code +1 NPA 555 01xx}.
 *
 * <p>It does not recognise words. A simulated callee's lines are fixed and taken in order (see
 * {@link Persona}), so the recogniser only has to find <em>when</em> each is said: it runs the
 * {@code audio} module's voice activity detector over the audio the media server sends it, and each
 * utterance the VAD ends becomes the persona's next line as a final transcript with the utterance's
 * real start and end; interim transcripts spread the line's words over the utterance while it
 * lasts. Pure tones (a voicemail's beep) are not speech and take no line.
 */
public final class ScriptedRecognizer implements SpeechToText {

  /**
   * Default wait after the VAD ends an utterance for speech that continues the same line. FreeTTS
   * pauses at sentence ends; over the catalogue's 32 lines one pause (500 ms, "...Honda Civic.
   * Tuesday...") outlasted the VAD's hangover and split its line, which would shift every later
   * line. 400 ms more joins pauses up to about 900 ms, well short of an agent's turn plus the
   * callee's 700 ms turn gap.
   */
  public static final int DEFAULT_JOIN_GAP_MS = 400;

  private final PersonaCatalog catalog;
  private final VadConfig vadConfig;
  private final int joinGapMs;

  /** A recogniser for {@code catalog}'s personas, with the default VAD and join gap. */
  public ScriptedRecognizer(PersonaCatalog catalog) {
    this(catalog, VadConfig.defaults(), DEFAULT_JOIN_GAP_MS);
  }

  /**
   * A recogniser for {@code catalog}'s personas whose utterances are found by a VAD with {@code
   * vadConfig}; a pause shorter than {@code joinGapMs} beyond the VAD's hangover continues a line.
   */
  public ScriptedRecognizer(PersonaCatalog catalog, VadConfig vadConfig, int joinGapMs) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.vadConfig = Objects.requireNonNull(vadConfig, "vadConfig");
    if (joinGapMs < 0 || joinGapMs > 5000) {
      throw new IllegalArgumentException("join gap out of range: " + joinGapMs + " ms");
    }
    this.joinGapMs = joinGapMs;
  }

  /**
   * Opens a session for a call with a simulated callee, chosen by the remote number in the call's
   * SESSION_START (or, failing that, the stream's {@code to} parameter); on an inbound call the
   * remote party is the caller, the stream's {@code from} (see {@link #remoteNumber}).
   *
   * @throws UnsimulatedNumberException if the call's remote number is unknown or not simulated
   */
  @Override
  public Session open(CallInfo call, Listener listener) {
    String callId = call.callId();
    String number = remoteNumber(call);
    if (number.isEmpty()) {
      throw new UnsimulatedNumberException(
          "SIMULATION ONLY recogniser: no remote number known for call "
              + callId
              + "; it serves only calls with simulated callees");
    }
    Persona persona =
        catalog
            .resolve(number)
            .orElseThrow(
                () ->
                    new UnsimulatedNumberException(
                        "SIMULATION ONLY recogniser refuses call "
                            + callId
                            + " with "
                            + number
                            + ": not in the fictional range +1 NPA 555 0100..0199"));
    assert SimulatedNumbers.isSimulated(persona.number());
    return new ScriptedSession(persona, vadConfig, joinGapMs, listener);
  }

  /**
   * The far end of {@code call}: the person whose lines the recogniser produces. SESSION_START
   * names it (the caller of an inbound call, the callee of an outbound one). Without a
   * SESSION_START the media server falls back to the stream's {@code to} parameter, which on an
   * inbound call ({@code direction=inbound}) is Parley's own number; the caller is then the
   * stream's {@code from}. Only a remote number that is empty or equal to {@code to} is replaced,
   * so a stream parameter never turns a call with a real remote number into a simulated one.
   */
  static String remoteNumber(CallInfo call) {
    Map<String, String> stream = call.streamParameters();
    String remote = call.remoteNumber();
    String from = stream.getOrDefault("from", "");
    boolean inbound = "inbound".equals(stream.get("direction"));
    if (inbound && !from.isEmpty() && (remote.isEmpty() || remote.equals(stream.get("to")))) {
      return from;
    }
    return remote;
  }
}
