package dev.opstub.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static String iso(Instant instant) {
    return Timestamps.appendIso(new StringBuilder(), instant).toString();
  }

  @Test
  void everyInstantIsWrittenAsInstantToStringWritesIt() {
    SplittableRandom random = new SplittableRandom(30);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond() - 86_400;
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 86_400;
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(min, max + 1);
      // Whole seconds, milliseconds, microseconds and nanoseconds, each as often.
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(i % 97 == 0 ? seconds - seconds % 60 : seconds, nano);
      assertThat(iso(instant)).isEqualTo(instant.toString());
    }
  }

  @Test
  void theEdgesOfTheFourDigitYearsAndOfAFractionAreWrittenAsInstantToStringWritesThem() {
    for (String text : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "-0001-12-31T23:59:59Z",
        "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-01-01T00:00:00.100Z", "2026-01-01T00:00:00.000001Z",
        "2026-01-01T00:00:00.000000001Z", "2026-01-01T00:00:00.010Z", "2026-02-28T23:00:00.000100Z"}) {
      Instant instant = Instant.parse(text);
      assertThat(iso(instant)).isEqualTo(instant.toString()).isEqualTo(text);
    }
  }

  @Test
  void theTextIsAppendedToWhatTheBuilderHolds() {
    assertThat(Timestamps.appendIso(new StringBuilder("at "), Instant.EPOCH)).hasToString("at 1970-01-01T00:00:00Z");
  }
}
