package dev.opstub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.wiremock.OpStubExtensions;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public surface users may depend on. A change to this list is a change to a promise: it
 * needs a line in CHANGELOG.md with the migration. Everything else lives under {@code
 * dev.opstub.internal} (public for the pack's own packages, not for users).
 */
class PublicApiTest {
  private static final List<String> PUBLIC_TYPES = List.of(
      "dev.opstub.Validate",
      "dev.opstub.junit.Api",
      "dev.opstub.junit.OpStubAssertions",
      "dev.opstub.junit.OpStubServer",
      "dev.opstub.junit.OpStubTest",
      "dev.opstub.junit.OperationStub",
      "dev.opstub.junit.OperationStubs",
      "dev.opstub.junit.PollAssert",
      "dev.opstub.junit.RecordedPoll",
      "dev.opstub.wiremock.OpStubExtensions");

  @Test
  void onlyTheNamedTypesArePublicOutsideTheInternalPackages() throws Exception {
    Path classes = Path.of(OpStubExtensions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> publicTypes;
    try (Stream<Path> files = Files.walk(classes.resolve("dev/opstub"))) {
      publicTypes = files.map(classes::relativize).map(Path::toString)
          .filter(name -> name.endsWith(".class") && !name.contains("$"))
          .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
          .filter(name -> !name.startsWith("dev.opstub.internal.") && !name.startsWith("dev.opstub.pack."))
          .filter(PublicApiTest::isPublic)
          .sorted()
          .toList();
    }

    assertThat(publicTypes).isEqualTo(PUBLIC_TYPES);
  }

  private static boolean isPublic(String className) {
    try {
      return Modifier.isPublic(Class.forName(className, false, PublicApiTest.class.getClassLoader()).getModifiers());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
