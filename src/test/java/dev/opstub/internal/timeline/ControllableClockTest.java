package dev.opstub.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ControllableClockTest {
  private final MutableClock real = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final ControllableClock clock = new ControllableClock(real);

  @Test
  void runsInRealTimeUntilFrozen() {
    real.advance(Duration.ofSeconds(5));
    assertThat(clock.instant()).isEqualTo(real.instant());

    clock.freeze();
    real.advance(Duration.ofSeconds(5));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z"));
    assertThat(clock.isFrozen()).isTrue();
  }

  @Test
  void advanceMovesAFrozenOrARunningClock() {
    clock.freeze();
    clock.advance(Duration.ofSeconds(10));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));

    clock.resume();
    real.advance(Duration.ofSeconds(1));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:11Z"));
    clock.advance(Duration.ofMinutes(1));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:11Z"));
  }

  @Test
  void resetGoesBackToRealTime() {
    clock.freezeAt(Instant.parse("2030-01-01T00:00:00Z"));
    clock.reset();

    assertThat(clock.instant()).isEqualTo(real.instant());
    assertThat(clock.isFrozen()).isFalse();
  }

  @Test
  void theClockOnlyMovesForward() {
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).hasMessageContaining("only moves forward");
  }
}
