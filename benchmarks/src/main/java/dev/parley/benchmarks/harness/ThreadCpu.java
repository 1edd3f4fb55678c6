package dev.parley.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time by kind of thread, from Linux's {@code /proc/PID/task/TID/stat}: the JIT
 * compiler's threads, the garbage collector's, and the rest (the application, including the JVM's
 * own housekeeping). A fresh JVM under load spends tens of seconds compiling; counted per request,
 * that CPU made a REST create look several times dearer than it is once the code is compiled.
 *
 * <p>Times are in clock ticks of 10 ms (Linux's {@code USER_HZ}, 100 on every mainstream kernel). A
 * thread that exits between two snapshots takes its time with it, so the split is taken from
 * threads alive at both ends and the remainder of the process's total counted as the application's.
 * On other systems {@link #snapshot} returns {@code null}.
 */
final class ThreadCpu {

  /** CPU seconds by kind at one moment. */
  record Snapshot(double jitSeconds, double gcSeconds) {}

  private static final double SECONDS_PER_TICK = 0.01;

  private ThreadCpu() {}

  /** The JIT's and the collector's CPU so far in process {@code pid}, or null without /proc. */
  static Snapshot snapshot(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(tasks)) {
      return null;
    }
    long jit = 0;
    long gc = 0;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        String stat;
        try {
          stat = Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
          continue; // the thread exited while we listed them
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
          continue;
        }
        String name = stat.substring(open + 1, close);
        // After the name: state is field 3 of stat(5); utime and stime are fields 14 and 15.
        String[] fields = stat.substring(close + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (isCompiler(name)) {
          jit += ticks;
        } else if (isCollector(name)) {
          gc += ticks;
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return new Snapshot(jit * SECONDS_PER_TICK, gc * SECONDS_PER_TICK);
  }

  /** HotSpot names its compiler threads "C1 CompilerThread0", "C2 CompilerThread1" (cut to 15). */
  static boolean isCompiler(String threadName) {
    return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre");
  }

  /** G1's and the parallel collectors' workers, refinement, marking and service threads. */
  static boolean isCollector(String threadName) {
    return threadName.startsWith("GC Thread") || threadName.startsWith("G1 ");
  }
}
