package dev.parley.benchmarks.media;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Thread CPU time per call of a JMH benchmark method, for comparing code on a loaded machine: JMH's
 * wall-clock time counts the time the thread waits for a core, CPU time does not (cache and SMT
 * contention still show). Not a replacement for JMH's figures; a steadier ratio when the load
 * average is far above the core count. Each call goes through a method handle, which adds a few ns
 * to every figure alike.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.parley.benchmarks.media.CpuTimePerOp \
 *     dev.parley.benchmarks.media.MediaFrameBenchmark inboundMediaFrame baselineInboundMediaFrame
 * </pre>
 *
 * Prints, per method, the lowest and the mean of 8 rounds of 200,000 calls after 4 warm-up rounds;
 * runs on a {@link FastThreadLocalThread} like the server's event loops.
 */
public final class CpuTimePerOp {

  private static final int WARMUP_ROUNDS = 4;
  private static final int ROUNDS = 8;
  private static final int CALLS = 200_000;

  private CpuTimePerOp() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: CpuTimePerOp <benchmark class> <method>...");
      System.exit(2);
    }
    // Whether the audio code runs its SIMD paths (needs --add-modules jdk.incubator.vector).
    System.out.println("SIMD (MuLaw.VECTORIZED): " + dev.parley.audio.codec.MuLaw.VECTORIZED);
    Class<?> type = Class.forName(args[0]);
    Object state = type.getDeclaredConstructor().newInstance();
    for (Method m : type.getMethods()) {
      if (m.isAnnotationPresent(org.openjdk.jmh.annotations.Setup.class)) {
        m.invoke(state);
      }
    }
    Throwable[] failure = new Throwable[1];
    Thread thread =
        new FastThreadLocalThread(
            () -> {
              try {
                for (int k = 1; k < args.length; k++) {
                  measure(type, state, args[k]);
                }
              } catch (Throwable t) {
                failure[0] = t;
              }
            });
    thread.start();
    thread.join();
    for (Method m : type.getMethods()) {
      if (m.isAnnotationPresent(org.openjdk.jmh.annotations.TearDown.class)) {
        m.invoke(state);
      }
    }
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
  }

  private static void measure(Class<?> type, Object state, String name) throws Throwable {
    Method method = null;
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name)) {
        method = m;
      }
    }
    if (method == null) {
      throw new IllegalArgumentException("no method " + name + " in " + type.getName());
    }
    MethodHandle call = MethodHandles.lookup().unreflect(method);
    boolean takesBlackhole = method.getParameterCount() == 1;
    Blackhole bh =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is"
                + " dangerous.");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double lowest = Double.MAX_VALUE;
    double sum = 0;
    for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      if (takesBlackhole) {
        for (int i = 0; i < CALLS; i++) {
          call.invoke(state, bh);
        }
      } else {
        for (int i = 0; i < CALLS; i++) {
          bh.consume((Object) call.invoke(state));
        }
      }
      double ns = (threads.getCurrentThreadCpuTime() - start) / (double) CALLS;
      if (round >= WARMUP_ROUNDS) {
        lowest = Math.min(lowest, ns);
        sum += ns;
      }
    }
    System.out.printf(
        Locale.ROOT, "%-36s cpu ns/op: lowest %.1f, mean %.1f%n", name, lowest, sum / ROUNDS);
  }
}
