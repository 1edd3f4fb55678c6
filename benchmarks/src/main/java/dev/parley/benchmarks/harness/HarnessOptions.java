package dev.parley.benchmarks.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The load harness's command line.
 *
 * @param calls concurrent calls of a single run (the starting point of a search)
 * @param seconds length of the measurement window of each run
 * @param seed seed of every random choice (echo lines, barge-in turns, pauses)
 * @param search binary-search the most calls held (see {@link CapacitySearch})
 * @param searchMax upper bound of the search
 * @param report directory for the JSON, HTML and logs
 * @param bargeInShare share of agent turns the callee barges in on
 * @param echoShare share of calls on a line with echo
 * @param rampPerSecond calls started per second
 * @param jfr record the media node (and the control plane) with JFR into the report directory
 * @param controlPlane also measure the control plane's REST API ({@link RestLoad})
 * @param restRate requests per second of the REST measurement
 * @param restSeconds length of the REST measurement
 * @param restWarmUpSeconds requests before the REST measurement, so the control plane's JIT has
 *     compiled the request path (a fresh JVM compiles for tens of seconds under load, and that CPU
 *     would otherwise be counted against each request)
 * @param append append the summary to BENCHMARKS.md
 */
record HarnessOptions(
    int calls,
    int seconds,
    long seed,
    boolean search,
    int searchMax,
    Path report,
    double bargeInShare,
    double echoShare,
    int rampPerSecond,
    boolean jfr,
    boolean controlPlane,
    int restRate,
    int restSeconds,
    int restWarmUpSeconds,
    boolean append) {

  static final String USAGE =
      "usage: LoadHarness [--calls N] [--seconds S] [--seed 42] [--search] [--search-max N]"
          + " [--report DIR] [--barge-in-share 0.3] [--echo-share 0.3] [--ramp PER_S] [--jfr]"
          + " [--control-plane] [--rest-rate 500] [--rest-seconds 30]"
          + " [--rest-warmup 10] [--no-append]";

  HarnessOptions {
    if (calls < 1 || seconds < 1 || rampPerSecond < 1 || searchMax < calls) {
      throw new IllegalArgumentException(
          "need calls >= 1, seconds >= 1, ramp >= 1 and search-max >= calls");
    }
    if (restRate < 1 || restSeconds < 1 || restWarmUpSeconds < 0) {
      throw new IllegalArgumentException(
          "need rest-rate >= 1, rest-seconds >= 1 and rest-warmup >= 0");
    }
    if (bargeInShare < 0 || bargeInShare > 1 || echoShare < 0 || echoShare > 1) {
      throw new IllegalArgumentException("shares are fractions between 0 and 1");
    }
  }

  /** Parses {@code args}; throws {@link IllegalArgumentException} with the reason on bad input. */
  static HarnessOptions parse(String... args) {
    int calls = 50;
    int seconds = 60;
    long seed = 42;
    boolean search = false;
    int searchMax = 4000;
    Path report = Path.of("benchmarks", "target", "harness");
    double bargeIn = 0.3;
    double echo = 0.3;
    int ramp = 200;
    boolean jfr = false;
    boolean controlPlane = false;
    int restRate = 500;
    int restSeconds = 30;
    int restWarmUp = 10;
    boolean append = true;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      switch (flag) {
        case "--calls" -> calls = Integer.parseInt(value(flag, rest));
        case "--seconds" -> seconds = Integer.parseInt(value(flag, rest));
        case "--seed" -> seed = Long.parseLong(value(flag, rest));
        case "--search" -> search = true;
        case "--search-max" -> searchMax = Integer.parseInt(value(flag, rest));
        case "--report" -> report = Path.of(value(flag, rest));
        case "--barge-in-share" -> bargeIn = Double.parseDouble(value(flag, rest));
        case "--echo-share" -> echo = Double.parseDouble(value(flag, rest));
        case "--ramp" -> ramp = Integer.parseInt(value(flag, rest));
        case "--jfr" -> jfr = true;
        case "--control-plane" -> controlPlane = true;
        case "--rest-rate" -> restRate = Integer.parseInt(value(flag, rest));
        case "--rest-seconds" -> restSeconds = Integer.parseInt(value(flag, rest));
        case "--rest-warmup" -> restWarmUp = Integer.parseInt(value(flag, rest));
        case "--no-append" -> append = false;
        default -> throw new IllegalArgumentException("unknown argument " + flag);
      }
    }
    return new HarnessOptions(
        calls,
        seconds,
        seed,
        search,
        Math.max(searchMax, calls),
        report,
        bargeIn,
        echo,
        ramp,
        jfr,
        controlPlane,
        restRate,
        restSeconds,
        restWarmUp,
        append);
  }

  private static String value(String flag, List<String> rest) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return rest.remove(0);
  }
}
