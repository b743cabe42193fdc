package dev.opstub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashMap;
import java.util.Map;
import javax.management.ObjectName;

/**
 * Live heap, two ways: {@link MemoryMXBean} heap used after {@code System.gc()} (settled over a few
 * collections), and HotSpot's class histogram of live objects ({@code GC.class_histogram}, which
 * runs a full GC itself), which also says which classes the bytes are in.
 */
final class HeapMeter {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapMeter() {}

  /** Heap used after full collections, once it stops shrinking. */
  static long usedAfterGc() throws InterruptedException {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (used >= best) {
        break;
      }
      best = used;
    }
    return best;
  }

  /** Live bytes and instances per class. */
  record Histogram(Map<String, long[]> classes) {
    long totalBytes() {
      return classes.values().stream().mapToLong(v -> v[1]).sum();
    }
  }

  static Histogram histogram() throws Exception {
    String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Map<String, long[]> classes = new HashMap<>();
    for (String line : text.split("\n")) {
      // "   1:        123456       7890123  java.lang.String (java.base@17)"
      String[] parts = line.trim().split("\\s+");
      if (parts.length >= 4 && parts[0].endsWith(":") && Character.isDigit(parts[0].charAt(0))) {
        classes.put(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
      }
    }
    return new Histogram(classes);
  }

  /**
   * {@code after - before} per class (instances, bytes), only the classes that changed by at least
   * {@code minBytes} either way, so that the result itself stays small.
   */
  static Map<String, long[]> diff(Histogram before, Histogram after, long minBytes) {
    Map<String, long[]> diff = new HashMap<>();
    after.classes().forEach((name, counts) -> {
      long[] was = before.classes().getOrDefault(name, new long[2]);
      if (Math.abs(counts[1] - was[1]) >= minBytes) {
        diff.put(name, new long[] {counts[0] - was[0], counts[1] - was[1]});
      }
    });
    before.classes().forEach((name, counts) -> {
      if (!after.classes().containsKey(name) && counts[1] >= minBytes) {
        diff.put(name, new long[] {-counts[0], -counts[1]});
      }
    });
    return diff;
  }
}
