package dev.parley.media.speech;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Node-wide counters of the speech providers, per provider name: recognition streams and their
 * failures, synthesis streams, their failures and cancellations, audio dropped, and the time to
 * first audio of every synthesised utterance (a histogram, the figure that decides how soon the
 * callee hears the agent). Rendered in Prometheus text format by {@link #render}.
 */
public final class SpeechMetrics {

  /** Upper bounds of the time-to-first-audio buckets, in ms. */
  static final long[] FIRST_AUDIO_BUCKETS_MS = {50, 100, 200, 300, 500, 750, 1000, 2000, 5000};

  /** One provider's counters. */
  public static final class Provider {
    public final LongAdder sttStreams = new LongAdder();
    public final LongAdder sttErrors = new LongAdder();
    public final LongAdder sttDroppedBytes = new LongAdder();
    public final LongAdder ttsStreams = new LongAdder();
    public final LongAdder ttsErrors = new LongAdder();
    public final LongAdder ttsCancelled = new LongAdder();
    final AtomicLongArray firstAudioBuckets = new AtomicLongArray(FIRST_AUDIO_BUCKETS_MS.length);
    final LongAdder firstAudioCount = new LongAdder();
    final LongAdder firstAudioSumNanos = new LongAdder();
    final AtomicLong firstAudioMaxNanos = new AtomicLong();

    /** Records one utterance's time from synthesis start to its first audio. */
    public void firstAudio(long nanos) {
      long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
      for (int i = 0; i < FIRST_AUDIO_BUCKETS_MS.length; i++) {
        if (ms <= FIRST_AUDIO_BUCKETS_MS[i]) {
          firstAudioBuckets.incrementAndGet(i);
        }
      }
      firstAudioCount.increment();
      firstAudioSumNanos.add(nanos);
      firstAudioMaxNanos.accumulateAndGet(nanos, Math::max);
    }

    /** Utterances whose first audio arrived. */
    public long firstAudioCount() {
      return firstAudioCount.sum();
    }

    /** Slowest first audio seen, in ns. */
    public long firstAudioMaxNanos() {
      return firstAudioMaxNanos.get();
    }
  }

  private final Map<String, Provider> providers = new ConcurrentHashMap<>();

  /** The counters of {@code name}, created on first use. */
  public Provider provider(String name) {
    return providers.computeIfAbsent(name, n -> new Provider());
  }

  /** Appends every counter in Prometheus text exposition format 0.0.4. */
  public void render(StringBuilder sb) {
    counter(sb, "parley_speech_stt_streams_total", "Recognition streams opened", p -> p.sttStreams);
    counter(sb, "parley_speech_stt_errors_total", "Recognition streams failed", p -> p.sttErrors);
    counter(
        sb,
        "parley_speech_stt_dropped_bytes_total",
        "Inbound audio not delivered to the recogniser",
        p -> p.sttDroppedBytes);
    counter(sb, "parley_speech_tts_streams_total", "Synthesis streams started", p -> p.ttsStreams);
    counter(sb, "parley_speech_tts_errors_total", "Synthesis streams failed", p -> p.ttsErrors);
    counter(
        sb,
        "parley_speech_tts_cancelled_total",
        "Synthesis streams cancelled (barge-in, clear)",
        p -> p.ttsCancelled);
    String h = "parley_speech_tts_first_audio_seconds";
    sb.append("# HELP ").append(h).append(" Time from synthesis start to first audio\n");
    sb.append("# TYPE ").append(h).append(" histogram\n");
    providers.forEach(
        (name, p) -> {
          for (int i = 0; i < FIRST_AUDIO_BUCKETS_MS.length; i++) {
            sb.append(h)
                .append("_bucket{provider=\"")
                .append(name)
                .append("\",le=\"")
                .append(FIRST_AUDIO_BUCKETS_MS[i] / 1000.0)
                .append("\"} ")
                .append(p.firstAudioBuckets.get(i))
                .append('\n');
          }
          long n = p.firstAudioCount.sum();
          sb.append(h).append("_bucket{provider=\"").append(name).append("\",le=\"+Inf\"} ");
          sb.append(n).append('\n');
          sb.append(h).append("_sum{provider=\"").append(name).append("\"} ");
          sb.append(p.firstAudioSumNanos.sum() / 1e9).append('\n');
          sb.append(h).append("_count{provider=\"").append(name).append("\"} ");
          sb.append(n).append('\n');
        });
  }

  private void counter(
      StringBuilder sb,
      String metric,
      String help,
      java.util.function.Function<Provider, LongAdder> f) {
    sb.append("# HELP ").append(metric).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(metric).append(" counter\n");
    providers.forEach(
        (name, p) ->
            sb.append(metric)
                .append("{provider=\"")
                .append(name)
                .append("\"} ")
                .append(f.apply(p).sum())
                .append('\n'));
  }
}
