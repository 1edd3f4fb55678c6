package dev.parley.control.dispatch;

import dev.parley.control.telephony.DialRequest;
import dev.parley.control.telephony.TelephonyException;
import dev.parley.control.telephony.TelephonyProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A fake provider that accepts every dial instantly and counts dials per task and per session. */
public final class CountingProvider implements TelephonyProvider {
  public final Map<Object, AtomicInteger> dialsPerTask = new ConcurrentHashMap<>();
  public final Map<Object, AtomicInteger> dialsPerSession = new ConcurrentHashMap<>();
  public final List<String> hungUp = new CopyOnWriteArrayList<>();
  public final AtomicLong total = new AtomicLong();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public String dial(DialRequest r) throws TelephonyException {
    dialsPerTask.computeIfAbsent(r.taskId(), k -> new AtomicInteger()).incrementAndGet();
    dialsPerSession.computeIfAbsent(r.sessionId(), k -> new AtomicInteger()).incrementAndGet();
    total.incrementAndGet();
    return "CA" + String.format("%032x", ids.incrementAndGet());
  }

  @Override
  public void hangUp(String providerCallId) {
    hungUp.add(providerCallId);
  }

  /** Tasks dialled more than once. */
  public long duplicates() {
    return dialsPerTask.values().stream().filter(n -> n.get() > 1).count();
  }
}
