package dev.parley.control.task;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Estimates what one call attempt costs from per-minute provider rates (configurable under {@code
 * parley.pricing}; the defaults are public list prices: Twilio US outbound voice, Deepgram
 * streaming STT, streaming TTS, and a small chat model) and an expected call length.
 */
@Singleton
public class CallCostEstimator {
  private final BigDecimal minutes;
  private final Map<String, BigDecimal> perMinute = new LinkedHashMap<>();

  CallCostEstimator(
      @Value("${parley.pricing.expected-minutes:4}") BigDecimal minutes,
      @Value("${parley.pricing.telephony-per-minute:0.014}") BigDecimal telephony,
      @Value("${parley.pricing.stt-per-minute:0.0077}") BigDecimal stt,
      @Value("${parley.pricing.tts-per-minute:0.0150}") BigDecimal tts,
      @Value("${parley.pricing.llm-per-minute:0.0060}") BigDecimal llm) {
    this.minutes = minutes;
    perMinute.put("telephony", telephony);
    perMinute.put("stt", stt);
    perMinute.put("tts", tts);
    perMinute.put("llm", llm);
  }

  /** An estimate: the total and its per-provider parts, in USD. */
  public record Estimate(BigDecimal total, Map<String, BigDecimal> breakdown) {}

  /**
   * What a call of {@code length} actually cost: telephony per started minute (how carriers bill),
   * speech and model use per second of call; parts in {@code measured} (a model's token ledger)
   * cost what was measured, and parts in {@code unbilled} (offline providers) cost nothing and say
   * so in the breakdown.
   */
  public Estimate actual(
      java.time.Duration length, java.util.Set<String> unbilled, Map<String, BigDecimal> measured) {
    Map<String, BigDecimal> breakdown = new LinkedHashMap<>();
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal exactMinutes =
        BigDecimal.valueOf(Math.max(0, length.toMillis()))
            .divide(BigDecimal.valueOf(60_000), 6, RoundingMode.HALF_UP);
    BigDecimal startedMinutes =
        BigDecimal.valueOf((Math.max(0, length.toMillis()) + 59_999) / 60_000);
    for (Map.Entry<String, BigDecimal> rate : perMinute.entrySet()) {
      BigDecimal part;
      if (measured.containsKey(rate.getKey())) {
        part = measured.get(rate.getKey()).setScale(4, RoundingMode.HALF_UP);
      } else if (unbilled.contains(rate.getKey())) {
        part = BigDecimal.ZERO.setScale(4);
      } else {
        BigDecimal minutesBilled =
            "telephony".equals(rate.getKey()) ? startedMinutes : exactMinutes;
        part = rate.getValue().multiply(minutesBilled).setScale(4, RoundingMode.HALF_UP);
      }
      breakdown.put(rate.getKey(), part);
      total = total.add(part);
    }
    return new Estimate(total, breakdown);
  }

  public Estimate estimateAttempt() {
    Map<String, BigDecimal> breakdown = new LinkedHashMap<>();
    BigDecimal total = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> rate : perMinute.entrySet()) {
      BigDecimal part = rate.getValue().multiply(minutes).setScale(4, RoundingMode.HALF_UP);
      breakdown.put(rate.getKey(), part);
      total = total.add(part);
    }
    return new Estimate(total, breakdown);
  }
}
