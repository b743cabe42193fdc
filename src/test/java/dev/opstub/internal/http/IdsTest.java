package dev.opstub.internal.http;

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

  @Test
  void aUuidIsEightFourFourFourTwelveHexDigitsInAnyCase() {
    assertThat(Ids.isUuid("a63a3bdd-a1db-4d05-87b8-dbad6850062a")).isTrue();
    assertThat(Ids.isUuid("A63A3BDD-A1DB-4D05-87B8-DBAD6850062A")).isTrue();
    assertThat(Ids.isUuid(null)).isFalse();
    assertThat(Ids.isUuid("a63a3bdd-a1db-4d05-87b8-dbad6850062")).isFalse();
    assertThat(Ids.isUuid("a63a3bdd-a1db-4d05-87b8-dbad6850062ab")).isFalse();
    assertThat(Ids.isUuid("a63a3bdda-1db-4d05-87b8-dbad6850062a")).isFalse();
    assertThat(Ids.isUuid("g63a3bdd-a1db-4d05-87b8-dbad6850062a")).isFalse();
    assertThat(Ids.isUuid("\uff10" + "63a3bdd-a1db-4d05-87b8-dbad6850062a")).isFalse();
    assertThat(Ids.isUuid("a63a3bdd-a1db-4d05-87b8-dbad6850062 ")).isFalse();
  }
}
