package dev.parley.emulator.callee;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIMULATION ONLY: the emulator's phone book. Maps a dialled number to how its callee behaves.
 *
 * <p>Numbers in the fictional range {@code +1 NPA 555 0100..0199} have fixed behaviours by their
 * last two digits (see the module README); explicit {@link #register registrations} override them,
 * and any other number reaches a plain human.
 */
public final class CalleeDirectory {

  private static final Pattern FICTIONAL = Pattern.compile("\\+1\\d{3}55501(\\d\\d)");
  private static final int CACHE_LIMIT = 4096;

  /** A number's behaviour and the factory that builds its callee. */
  public record Entry(CalleeBehaviour behaviour, SimulatedCallee.Factory factory) {}

  private final Map<String, Entry> registered = new ConcurrentHashMap<>();
  private final Map<String, byte[]> synthesised = new ConcurrentHashMap<>();
  private final Executor synthesis;
  private volatile CalleeAudioSource audioSource = new SyntheticSpeechSource(140);
  private final SimulatedCallee.Factory scripted;

  /** A directory whose callees synthesise their lines on {@code synthesis}. */
  public CalleeDirectory(Executor synthesis) {
    this.synthesis = Objects.requireNonNull(synthesis, "synthesis");
    CalleeAudioSource cached =
        text -> {
          byte[] audio = synthesised.get(text);
          if (audio == null) {
            audio = audioSource.synthesize(text);
            if (synthesised.size() < CACHE_LIMIT) {
              synthesised.put(text, audio);
            }
          }
          return audio;
        };
    this.scripted = (to, behaviour) -> new ScriptedCallee(behaviour, cached, this.synthesis);
  }

  /** Replaces the voice of scripted callees (e.g. with the {@code audio} module's synthesiser). */
  public void setAudioSource(CalleeAudioSource source) {
    this.audioSource = Objects.requireNonNull(source, "source");
    synthesised.clear();
  }

  /** The voice scripted callees use now. */
  public CalleeAudioSource audioSource() {
    return audioSource;
  }

  /** Makes {@code number} behave as {@code behaviour}, played by a {@link ScriptedCallee}. */
  public void register(String number, CalleeBehaviour behaviour) {
    registered.put(number, new Entry(behaviour, scripted));
  }

  /** Makes {@code number} behave as {@code behaviour}, played by callees from {@code factory}. */
  public void register(String number, CalleeBehaviour behaviour, SimulatedCallee.Factory factory) {
    registered.put(number, new Entry(behaviour, factory));
  }

  /** Removes a registration; the number falls back to its default behaviour. */
  public void unregister(String number) {
    registered.remove(number);
  }

  /** How {@code number} behaves when dialled. */
  public Entry lookup(String number) {
    Entry entry = registered.get(number);
    return entry != null ? entry : new Entry(defaultBehaviour(number), scripted);
  }

  /** The built-in behaviour of a number (ignores registrations). */
  public static CalleeBehaviour defaultBehaviour(String number) {
    Matcher m = FICTIONAL.matcher(number);
    if (!m.matches()) {
      return plainHuman().build();
    }
    int nn = Integer.parseInt(m.group(1));
    if (nn < 20) {
      return plainHuman().build();
    } else if (nn < 30) {
      return CalleeBehaviour.machine(
              "Hi, you have reached the voicemail of a simulated callee. Please leave a message"
                  + " after the tone.")
          .build();
    } else if (nn < 40) {
      return CalleeBehaviour.busy().build();
    } else if (nn < 50) {
      return CalleeBehaviour.noAnswer().build();
    } else if (nn < 60) {
      return CalleeBehaviour.wrongNumber().build();
    } else if (nn < 70) {
      return plainHuman().hangUpAfter(Duration.ofSeconds(nn - 58)).build();
    } else if (nn < 80) {
      return plainHuman().bargeInAfter(Duration.ofSeconds(1)).build();
    } else if (nn < 90) {
      return plainHuman().echo(-(nn - 70), Duration.ofMillis(120)).build();
    } else {
      return CalleeBehaviour.failed().build();
    }
  }

  private static CalleeBehaviour.Builder plainHuman() {
    return CalleeBehaviour.human(
        "Hello?", "Yes, speaking. How can I help?", "That works for me.", "Thank you, goodbye.");
  }
}
