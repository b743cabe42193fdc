package dev.opstub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void randomUuidsAreVersionFourIetfVariantAndDistinct() {
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      UUID uuid = Ids.randomUuid();
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
      assertThat(Ids.isUuid(uuid.toString())).isTrue();
      seen.add(uuid);
    }
    assertThat(seen).hasSize(10_000);
  }
}
