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

  @Test
  void refusesToFreezeOutsideTheYears1970To9999AndStaysAsItWas() {
    clock.freezeAt(Instant.parse("2030-01-01T00:00:00Z"));

    assertThatThrownBy(() -> clock.freezeAt(Instant.MAX)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("years 1970 to 9999");
    assertThatThrownBy(() -> clock.freezeAt(Instant.parse("1969-12-31T23:59:59Z")))
        .hasMessageContaining("years 1970 to 9999");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));

    clock.freezeAt(ControllableClock.EARLIEST);
    clock.freezeAt(ControllableClock.LATEST);
    assertThat(clock.instant()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999999Z"));
  }

  @Test
  void refusesToAdvancePastTheYear9999FrozenOrRunning() {
    clock.freezeAt(Instant.parse("9999-12-31T23:59:59Z"));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(1))).hasMessageContaining("years 1970 to 9999");
    assertThat(clock.instant()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));

    clock.reset();
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(Long.MAX_VALUE))).hasMessageContaining("years 1970 to 9999");
    assertThatThrownBy(() -> clock.advance(Duration.ofDays(3_000_000))).hasMessageContaining("years 1970 to 9999");
    assertThat(clock.instant()).isEqualTo(real.instant());
    clock.advance(Duration.between(real.instant(), ControllableClock.LATEST));
    assertThat(clock.instant()).isEqualTo(ControllableClock.LATEST);
  }
}
