package dev.opstub.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of the machine's CPU time went to other processes while a benchmark ran (Linux {@code
 * /proc/stat} minus this JVM's CPU time), so that figures from a shared machine are read with that
 * in mind.
 */
final class MachineLoad {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

  private final long wall0 = System.nanoTime();
  private final long busy0 = busyTicks();
  private final long process0 = OS.getProcessCpuTime();

  /** "other processes used X of the Y CPU-seconds the machine had (Z %)", or a note that it is unknown. */
  String summary() {
    return summary(0);
  }

  /** The same, with {@code childCpuNanos} (a server JVM this benchmark started) counted as its own. */
  String summary(long childCpuNanos) {
    long busy = busyTicks();
    if (busy < 0 || busy0 < 0) {
      return "CPU use of other processes: unknown (no /proc/stat)";
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    double capacity = wall * Runtime.getRuntime().availableProcessors();
    double all = (busy - busy0) * NANOS_PER_TICK / 1e9;
    double own = (OS.getProcessCpuTime() - process0 + childCpuNanos) / 1e9;
    double others = Math.max(0, all - own);
    return String.format(java.util.Locale.ROOT,
        "machine CPU during this benchmark: %.0f s wall x %d CPUs = %.0f CPU-s; this JVM%s used %.1f CPU-s, "
            + "other processes %.1f CPU-s (%.0f %% of the machine)",
        wall, Runtime.getRuntime().availableProcessors(), capacity, childCpuNanos > 0 ? " and its server JVM" : "", own, others, 100 * others / capacity);
  }

  private static long busyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      return total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
