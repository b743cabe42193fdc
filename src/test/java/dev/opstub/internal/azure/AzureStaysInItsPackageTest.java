package dev.opstub.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.internal.api.Apis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The third API is one line in the registry: no code of the pack outside {@code internal/azure}
 * names it (comments may), and the admin API, validator, JUnit extension and recorder reach it
 * only through {@link Apis}. The OpenAPI importer ({@code internal/openapi}, {@code internal/importer})
 * is Azure's by nature (its JUnit form finds the API by the importer's start transformer): it reads Azure's OpenAPI dialect
 * ({@code x-ms-*}) and writes the Azure dialect's mappings, reaching the dialect only through mapping
 * JSON and the registry. {@code azure-core}, a client library Face clients use too, is a name, not
 * the API.
 */
class AzureStaysInItsPackageTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path PACKAGE = SOURCES.resolve("dev/opstub/internal/azure");
  private static final Path REGISTRY = SOURCES.resolve("dev/opstub/internal/api/Apis.java");
  private static final List<Path> IMPORTER = List.of(SOURCES.resolve("dev/opstub/internal/openapi"),
      SOURCES.resolve("dev/opstub/internal/importer"));

  @Test
  void noCodeOutsideItsPackageAndTheRegistryLineNamesAzure() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(PACKAGE)
          && IMPORTER.stream().noneMatch(f::startsWith)).forEach(file -> {
        List<String> lines = read(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          boolean comment = line.startsWith("*") || line.startsWith("//") || line.startsWith("/*");
          if (!comment && line.toLowerCase(Locale.ROOT).replace("azure-core", "").contains("azure")) {
            found.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + line);
          }
        }
      });
    }

    assertThat(found).containsExactly(
        "dev/opstub/internal/api/Apis.java:" + lineOf(REGISTRY, "import dev.opstub.internal.azure.AzureApi;")
            + ": import dev.opstub.internal.azure.AzureApi;",
        "dev/opstub/internal/api/Apis.java:" + lineOf(REGISTRY, "AzureApi.INSTANCE)));") + ": AzureApi.INSTANCE)));");
  }

  @Test
  void theRegistryServesItByName() {
    assertThat(Apis.builtIn().byName("azure")).containsSame(AzureApi.INSTANCE);
    assertThat(Apis.builtIn().handler("opstub-azure-monitor")).isSameAs(AzureMonitor.INSTANCE);
    assertThat(AzureApi.INSTANCE.statuses().apiName()).isEqualTo("Azure LRO");
  }

  private static int lineOf(Path file, String text) {
    List<String> lines = read(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " is not in " + file);
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
