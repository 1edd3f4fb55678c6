package dev.parley.emulator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.call.CallRequest;
import dev.parley.emulator.call.CallStatus;
import dev.parley.emulator.call.EmulatedCall;
import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.emulator.support.CountingMediaSink;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Load probe, off by default: {@code -Dparley.emulator.loadCalls=500} runs that many simultaneous
 * streamed calls for {@code -Dparley.emulator.loadSeconds} (default 20) and prints the media rate
 * the peer saw, late clock ticks and the emulator's CPU use. A figure, not a pass/fail timing: it
 * asserts only that every call streamed and nothing was lost on the way to the peer.
 */
class LoadProbeTest {

  @Test
  void simultaneousStreamedCalls() throws Exception {
    int calls = Integer.getInteger("parley.emulator.loadCalls", 0);
    Assumptions.assumeTrue(calls > 0, "set -Dparley.emulator.loadCalls=N to run");
    int seconds = Integer.getInteger("parley.emulator.loadSeconds", 20);
    try (CountingMediaSink sink = new CountingMediaSink();
        TwilioEmulator twilio =
            TwilioEmulator.start(
                EmulatorConfig.defaults().withHeardRecordingLimit(Duration.ZERO))) {
      twilio.callees().register("+12125550108", CalleeBehaviour.human().build());
      String twiml = "<Response><Connect><Stream url=\"" + sink.url() + "\"/></Connect></Response>";
      List<EmulatedCall> placed = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        placed.add(
            twilio
                .callRegistry()
                .create(
                    new CallRequest(
                        "+12125550108",
                        "+15005550006",
                        Optional.empty(),
                        "POST",
                        Optional.of(twiml),
                        Optional.empty(),
                        "POST",
                        Set.of("completed"),
                        Optional.empty(),
                        60)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (sink.starts.sum() < calls && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      if (sink.starts.sum() < calls) {
        // Why streams did not start: status and stream-closed reason, counted.
        java.util.Map<String, Integer> lastEvent = new java.util.TreeMap<>();
        for (EmulatedCall c : placed) {
          var ev = c.recording().events("stream-closed");
          String key =
              c.snapshot().status()
                  + " / "
                  + (ev.isEmpty()
                      ? "-"
                      : ev.get(ev.size() - 1).type() + " " + ev.get(ev.size() - 1).detail());
          lastEvent.merge(key.length() > 120 ? key.substring(0, 120) : key, 1, Integer::sum);
        }
        System.out.println("LOAD stalled: " + lastEvent + " " + twilio.streamCounters());
      }
      assertThat(sink.starts.sum()).isEqualTo(calls);

      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long media0 = sink.media.sum();
      long late0 = twilio.mediaClock().lateTicks();
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long elapsed = System.nanoTime() - t0;
      long cpu = os.getProcessCpuTime() - cpu0;
      long mediaSeen = sink.media.sum() - media0;
      long sentTotal = twilio.streamCounters().mediaSent();
      double rate = mediaSeen / (elapsed / 1e9);
      System.out.printf(
          "LOAD calls=%d seconds=%.1f mediaPerSec=%.0f expected=%d (%.1f%%) lateTicks=%d"
              + " cpuCoresUsed=%.2f (process, incl. sink) skippedUnwritable=%d%n",
          calls,
          elapsed / 1e9,
          rate,
          calls * 50,
          100.0 * rate / (calls * 50),
          twilio.mediaClock().lateTicks() - late0,
          cpu / (double) elapsed,
          twilio.streamCounters().unwritableSkips());

      for (EmulatedCall c : placed) {
        c.hangUp(CallStatus.COMPLETED);
      }
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (sink.stops.sum() < calls && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(200);
      assertThat(sink.stops.sum()).isEqualTo(calls);
      // Everything the emulator sent reached the peer: no frame lost or doubled on the way.
      assertThat(sink.media.sum())
          .isEqualTo(twilio.streamCounters().mediaSent())
          .isGreaterThanOrEqualTo(sentTotal);
    }
  }
}
