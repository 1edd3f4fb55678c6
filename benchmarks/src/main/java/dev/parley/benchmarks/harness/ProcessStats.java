package dev.parley.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's CPU time and resident set size from Linux's {@code /proc}: {@code
 * /proc/<pid>/stat} fields 14 and 15 (utime, stime, in clock ticks) and {@code VmRSS} from {@code
 * /proc/<pid>/status}. The harness measures the media node from outside this way, so nothing in the
 * node changes to be measured.
 */
final class ProcessStats {

  /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux the JDK supports. */
  private static final long TICKS_PER_SECOND = 100;

  private final long pid;

  ProcessStats(long pid) {
    this.pid = pid;
  }

  /** User plus system CPU time so far, in microseconds (10 ms resolution). */
  long cpuMicros() {
    String[] f = statFields();
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * 1_000_000 / TICKS_PER_SECOND;
  }

  /** System (kernel) CPU time so far, in microseconds (10 ms resolution). */
  long kernelCpuMicros() {
    return Long.parseLong(statFields()[12]) * 1_000_000 / TICKS_PER_SECOND;
  }

  private String[] statFields() {
    String stat = read("stat");
    // The command name (field 2) may hold spaces; fields are counted after its closing paren.
    return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
  }

  /** Resident set size in bytes. */
  long rssBytes() {
    for (String line : read("status").split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] f = line.substring(6).trim().split("\\s+");
        return Long.parseLong(f[0]) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
  }

  private String read(String file) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), file));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/" + file, e);
    }
  }
}
