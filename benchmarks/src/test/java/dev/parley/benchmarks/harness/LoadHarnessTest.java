package dev.parley.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness machinery at small scale, over real sockets and a real media node in a child JVM:
 * three calls for a few seconds must all stream, talk, be probed and hang up, and the report must
 * hold every section. Counts and structure only; timings go to BENCHMARKS.md.
 */
class LoadHarnessTest {

  @Test
  void threeCallsProduceACompleteReport(@TempDir Path dir) throws Exception {
    HarnessOptions options =
        HarnessOptions.parse(
            "--calls",
            "3",
            "--seconds",
            "8",
            "--seed",
            "7",
            "--barge-in-share",
            "0.5",
            "--echo-share",
            "0.5",
            "--report",
            dir.toString(),
            "--no-append");

    HarnessReport report = LoadHarness.run(options, "--calls 3 --seconds 8");

    TrialResult r = report.main();
    Measurements m = r.m();
    assertThat(report.runs()).containsExactly(r);
    assertThat(r.calls()).isEqualTo(3);
    assertThat(r.createFailures()).isZero();
    assertThat(m.nodeErrors.sum()).isZero();
    assertThat(r.streamed()).isEqualTo(3);
    // Three more calls probe the greeting at steady load after the window (at least 3, 10 %).
    assertThat(m.streamsStarted.sum()).isEqualTo(6);
    // Every call's greeting reached its callee, and every call ended with its CALL_STATS.
    assertThat(m.greetingFirstAudio.count()).isEqualTo(3);
    assertThat(m.greetingSteady.count()).isEqualTo(3);
    assertThat(m.callStats.sum()).isEqualTo(6);
    assertThat(m.sessionEnds.sum()).isEqualTo(6);
    assertThat(r.droppedBeforeEnd()).isZero();
    // The callees talked and the stand-in answered each final transcript with one SPEAK.
    assertThat(m.calleeTurns.sum()).isPositive();
    assertThat(m.finals.sum()).isPositive();
    assertThat(m.speaks.sum()).isEqualTo(m.finals.sum());
    // One DTMF probe per call every 2 s; each probe sent before the hang-up was answered.
    assertThat(m.dtmfSent.sum()).isGreaterThanOrEqualTo(3);
    assertThat(m.dtmfReceived.sum()).isEqualTo(m.dtmfSent.sum());
    assertThat(m.inboundWait.count()).isPositive();
    assertThat(m.serverFramesIn.sum()).isPositive();
    assertThat(r.cpuSeries()).hasSize(8);
    assertThat(r.nodeCpuMicros()).isPositive();
    assertThat(r.rssLoaded()).isPositive();
    assertThat(r.heapLoaded()).isPositive();

    JsonNode json = new ObjectMapper().readTree(dir.resolve("harness.json").toFile());
    assertThat(json.path("command").asText()).contains("LoadHarness --calls 3");
    assertThat(json.path("machine").asText()).contains("cores");
    assertThat(json.path("result").path("calls").asInt()).isEqualTo(3);
    assertThat(json.path("result").path("counts").path("streamsStarted").asInt()).isEqualTo(3);
    assertThat(json.path("result").path("latencies")).hasSize(m.latencies().size());
    assertThat(json.path("result").path("latencies").get(0).path("count").asInt()).isEqualTo(3);
    assertThat(json.path("result").path("counts").path("steadyStateGreetingProbes").asInt())
        .isEqualTo(3);
    assertThat(json.path("targets")).hasSize(report.targets().size());
    String html = Files.readString(dir.resolve("harness.html"));
    // One histogram per latency plus the CPU chart, all inline.
    assertThat(html.split("<svg ", -1)).hasSize(m.latencies().size() + 2);
    assertThat(html)
        .contains("greeting time to first audio, during ramp-up (n=3)")
        .doesNotContain("<img");
    assertThat(report.summaryMarkdown()).contains("| 3 | ");
    assertThat(Files.exists(dir.resolve("media-node-3.log"))).isTrue();
  }

  @Test
  void badArgumentsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> HarnessOptions.parse("--calls"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--calls needs a value");
    assertThatThrownBy(() -> HarnessOptions.parse("--calls", "0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HarnessOptions.parse("--echo-share", "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fractions");
    assertThatThrownBy(() -> HarnessOptions.parse("--frobnicate"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown argument --frobnicate");
    assertThatThrownBy(() -> HarnessOptions.parse("--rest-warmup", "-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rest-warmup >= 0");
    assertThat(HarnessOptions.parse("--rest-warmup", "60").restWarmUpSeconds()).isEqualTo(60);
  }

  @Test
  void threadCpuSplitsTheJitAndTheCollectorFromTheRest() {
    assertThat(ThreadCpu.isCompiler("C2 CompilerThre")).isTrue();
    assertThat(ThreadCpu.isCompiler("C1 CompilerThre")).isTrue();
    assertThat(ThreadCpu.isCollector("GC Thread#1")).isTrue();
    assertThat(ThreadCpu.isCollector("G1 Refine#0")).isTrue();
    assertThat(ThreadCpu.isCompiler("io-executor-thr")).isFalse();
    assertThat(ThreadCpu.isCollector("io-executor-thr")).isFalse();
    ThreadCpu.Snapshot self = ThreadCpu.snapshot(ProcessHandle.current().pid());
    if (java.nio.file.Files.isDirectory(Path.of("/proc/self/task"))) {
      // This JVM has compiled the test's own code by now.
      assertThat(self).isNotNull();
      assertThat(self.jitSeconds()).isPositive();
      assertThat(self.gcSeconds()).isNotNegative();
    } else {
      assertThat(self).isNull();
    }
  }

  @Test
  void percentilesUseTheNearestRank() {
    Samples s = new Samples("x");
    for (int i = 1; i <= 100; i++) {
      s.add(i * 1_000_000L);
    }
    double[] sorted = s.sortedMillis();
    assertThat(Samples.percentile(sorted, 50)).isEqualTo(50.0);
    assertThat(Samples.percentile(sorted, 99)).isEqualTo(99.0);
    assertThat(Samples.percentile(sorted, 100)).isEqualTo(100.0);
    assertThat(Samples.percentile(new double[0], 50)).isNaN();
  }
}
