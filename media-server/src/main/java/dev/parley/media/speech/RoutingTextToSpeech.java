package dev.parley.media.speech;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks each call's synthesiser by the provider its SESSION_START names ({@link #forProvider}), or
 * the node's default. A provider this node cannot serve gives a synthesiser that fails every
 * utterance at once with {@link SpeechProviderException.Kind#NOT_CONFIGURED}: the call hears
 * nothing rather than another provider's voice, and the log says why. Closing it closes every
 * provider and the resources they share.
 */
public final class RoutingTextToSpeech implements TextToSpeech {

  private static final Logger log = LoggerFactory.getLogger(RoutingTextToSpeech.class);

  private final String defaultProvider;
  private final Map<String, TextToSpeech> providers;
  private final Map<String, String> unavailable;
  private final List<AutoCloseable> owned;

  /**
   * @param defaultProvider the name used when a call names none; must be in {@code providers}
   * @param providers the synthesisers this node serves, by lower-case name
   * @param unavailable why each known-but-unconfigured provider cannot serve (e.g. no key)
   * @param owned closed after the providers (shared sockets' event loops)
   */
  public RoutingTextToSpeech(
      String defaultProvider,
      Map<String, TextToSpeech> providers,
      Map<String, String> unavailable,
      List<AutoCloseable> owned) {
    if (!providers.containsKey(defaultProvider)) {
      throw new IllegalArgumentException(
          "default TTS provider '" + defaultProvider + "' is not among " + providers.keySet());
    }
    this.defaultProvider = defaultProvider;
    this.providers = Map.copyOf(providers);
    this.unavailable = Map.copyOf(unavailable);
    this.owned = List.copyOf(owned);
  }

  @Override
  public Stream synthesize(String text, String voice, Listener listener) {
    return providers.get(defaultProvider).synthesize(text, voice, listener);
  }

  @Override
  public TextToSpeech forProvider(String provider) {
    String name =
        provider == null || provider.isBlank()
            ? defaultProvider
            : provider.trim().toLowerCase(Locale.ROOT);
    TextToSpeech p = providers.get(name);
    if (p != null) {
      return p;
    }
    SpeechProviderException refusal =
        new SpeechProviderException(
            name,
            SpeechProviderException.Kind.NOT_CONFIGURED,
            unavailable.getOrDefault(
                name,
                "unknown TTS provider; this node serves " + new TreeSet<>(providers.keySet())));
    log.warn("TTS refused for a call: {}", refusal.getMessage());
    return new Refusing(refusal);
  }

  @Override
  public void close() {
    for (TextToSpeech t : providers.values()) {
      t.close();
    }
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", c, e.toString());
      }
    }
  }

  /** Fails every utterance with the refusal. */
  private record Refusing(SpeechProviderException refusal) implements TextToSpeech {
    @Override
    public Stream synthesize(String text, String voice, Listener listener) {
      listener.onError(refusal);
      return () -> {};
    }
  }
}
