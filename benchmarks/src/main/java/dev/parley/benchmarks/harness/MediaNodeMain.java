package dev.parley.benchmarks.harness;

import dev.parley.media.server.MediaServer;
import dev.parley.media.server.MediaServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;

/**
 * The load harness's media node, run in a child JVM so its CPU time, heap and RSS are its own: a
 * real {@link MediaServer} configured from the environment like {@code MediaServerMain}, with
 * instant fake providers: {@link EndpointingSpeechToText} and {@link InstantTextToSpeech}.
 *
 * <p>Talks to the harness over stdin/stdout in lines starting with {@value #PREFIX}: it prints
 * {@code ready port=<p>} once bound; {@code heap} on stdin answers {@code heap used=<bytes>} after
 * a full GC; {@code stop} (or end of stdin) closes the server and exits.
 */
public final class MediaNodeMain {

  /** Prefix of every line meant for the harness; other output is the server's log. */
  static final String PREFIX = "harness-node:";

  private MediaNodeMain() {}

  public static void main(String[] args) throws Exception {
    MediaServer server =
        MediaServer.start(
            MediaServerConfig.fromEnv(System.getenv()),
            new EndpointingSpeechToText(),
            new InstantTextToSpeech());
    System.out.println(PREFIX + " ready port=" + server.port());
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null && !line.equals("stop")) {
      if (line.equals("heap")) {
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.println(PREFIX + " heap used=" + heap.getUsed());
        System.out.flush();
      }
    }
    server.close();
    System.out.println(PREFIX + " stopped");
    System.out.flush();
  }
}
