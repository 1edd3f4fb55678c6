package dev.parley.media.speech;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks each call's recogniser by the provider its SESSION_START names ({@link CallInfo#provider}),
 * or the node's default when it names none. A provider this node cannot serve (unknown, or known
 * but without its key) refuses the call with {@link SpeechProviderException.Kind#NOT_CONFIGURED};
 * another provider is never substituted.
 */
public final class RoutingSpeechToText implements SpeechToText {

  private final String defaultProvider;
  private final Map<String, SpeechToText> providers;
  private final Map<String, String> unavailable;

  /**
   * @param defaultProvider the name used when a call names none; must be in {@code providers}
   * @param providers the recognisers this node serves, by lower-case name
   * @param unavailable why each known-but-unconfigured provider cannot serve (e.g. no key)
   */
  public RoutingSpeechToText(
      String defaultProvider,
      Map<String, SpeechToText> providers,
      Map<String, String> unavailable) {
    if (!providers.containsKey(defaultProvider)) {
      throw new IllegalArgumentException(
          "default STT provider '" + defaultProvider + "' is not among " + providers.keySet());
    }
    this.defaultProvider = defaultProvider;
    this.providers = Map.copyOf(providers);
    this.unavailable = Map.copyOf(unavailable);
  }

  @Override
  public Session open(CallInfo call, Listener listener) {
    String name =
        call.provider().isBlank()
            ? defaultProvider
            : call.provider().trim().toLowerCase(Locale.ROOT);
    SpeechToText p = providers.get(name);
    if (p == null) {
      throw new SpeechProviderException(
          name,
          SpeechProviderException.Kind.NOT_CONFIGURED,
          unavailable.getOrDefault(
              name, "unknown STT provider; this node serves " + new TreeSet<>(providers.keySet())));
    }
    return p.open(call, listener);
  }

  /** The names this node serves. */
  public Set<String> providers() {
    return providers.keySet();
  }
}
