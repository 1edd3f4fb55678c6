package dev.parley.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The media node in a child JVM ({@link MediaNodeMain}) on this JVM's class path: starts it, reads
 * its answers, measures it through {@code /proc}, and stops it. The child's log goes to a file.
 */
final class MediaNodeProcess implements AutoCloseable {

  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final ProcessStats stats;
  private final int port;

  private MediaNodeProcess(Process process, Path log) throws IOException, InterruptedException {
    this.process = process;
    this.stats = new ProcessStats(process.pid());
    this.commands =
        new PrintWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    Writer logFile = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () ->
                pump(new BufferedReader(new InputStreamReader(process.getInputStream())), logFile),
            "harness-node-output");
    reader.setDaemon(true);
    reader.start();
    String ready = await("ready", 60);
    this.port = Integer.parseInt(ready.substring(ready.indexOf("port=") + 5).trim());
  }

  /**
   * Starts a node with {@code env} added to this process's environment and {@code jvmArgs} before
   * the main class; returns once it listens.
   */
  static MediaNodeProcess start(Map<String, String> env, List<String> jvmArgs, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MediaNodeMain.class.getName());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Files.createDirectories(log.toAbsolutePath().getParent());
    return new MediaNodeProcess(pb.start(), log);
  }

  /** The node's WebSocket port. */
  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** CPU time the node has used so far, in microseconds. */
  long cpuMicros() {
    return stats.cpuMicros();
  }

  /** The node's kernel CPU time so far, in µs. */
  long kernelCpuMicros() {
    return stats.kernelCpuMicros();
  }

  /** The node's resident set size in bytes. */
  long rssBytes() {
    return stats.rssBytes();
  }

  /** Heap in use after a full GC in the node, in bytes. */
  long heapUsedAfterGc() throws InterruptedException {
    commands.println("heap");
    String answer = await("heap", 30);
    return Long.parseLong(answer.substring(answer.indexOf("used=") + 5).trim());
  }

  private String await(String what, int seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      String line = answers.poll(200, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(what)) {
        return line;
      }
      if (line == null && !process.isAlive()) {
        throw new IllegalStateException(
            "media node exited with " + process.exitValue() + " before answering " + what);
      }
    }
    throw new IllegalStateException(
        "media node did not answer " + what + " within " + seconds + " s");
  }

  private void pump(BufferedReader out, Writer log) {
    try (out;
        log) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(MediaNodeMain.PREFIX)) {
          answers.add(line.substring(MediaNodeMain.PREFIX.length()).trim());
        } else {
          log.write(line);
          log.write('\n');
        }
      }
    } catch (IOException e) {
      answers.add("failed " + e);
    }
  }

  /** Asks the node to stop and waits for it; kills it if it does not. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      commands.println("stop");
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
