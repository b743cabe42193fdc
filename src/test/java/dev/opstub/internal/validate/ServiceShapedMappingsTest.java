package dev.opstub.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hand-written set of service-shaped mappings (Key Vault's certificates, its own statuses and
 * its /certificates/{name}/pending monitor) is sound for the validator and the schema alike.
 */
class ServiceShapedMappingsTest {
  private static final Path KEY_VAULT = Path.of("src/test/resources/service-shaped/key-vault");

  @Test
  void theKeyVaultSetHasNoProblems() {
    assertThat(MappingValidator.validate(List.of(KEY_VAULT))).isEmpty();
  }

  @Test
  void theKeyVaultSetMatchesTheSchema() throws IOException {
    Path file = KEY_VAULT.resolve("mappings/certificates.json");

    assertThat(ShippedMappingsTest.schema().validate(new ObjectMapper().readTree(file.toFile()))).isEmpty();
  }
}
