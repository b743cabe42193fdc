package dev.opstub.internal.wiremock;

import com.github.tomakehurst.wiremock.common.ClasspathFileSource;
import com.github.tomakehurst.wiremock.common.FileSource;
import com.github.tomakehurst.wiremock.standalone.MappingFileException;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.validate.MappingSource;
import dev.opstub.internal.validate.MappingValidator;
import dev.opstub.internal.validate.OtherTransformers;
import dev.opstub.internal.validate.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Looks at the mappings a server is about to load, before WireMock loads them one by one (and stops
 * at the first broken one, naming a random id for a mapping without one): every broken OpStub
 * mapping of a {@code --root-dir} is reported at once, each by its file; a classpath root with no
 * mappings at all is said out loud, since WireMock then starts serving nothing. The standalone server
 * prints the list as one paragraph and exits 1 ({@link StartupFailure}).
 */
final class StartupMappings {
  private StartupMappings() {}

  /**
   * @param others the server's other transformers so far (those loaded before the pack's: the
   *     classes of {@code --extensions} are), not taken for misspelt ones of the pack's
   * @throws MappingFileException listing every broken OpStub mapping under {@code root}, one a line
   */
  static void check(FileSource root, Apis apis, Supplier<OtherTransformers> others) {
    if (root == null) {
      return;
    }
    if (root instanceof ClasspathFileSource) {
      if (!warnWhenEmpty(root) && StartupFailure.inStandaloneRunner()) {
        // Only in wiremock.Run: a JUnit server's classpath root is the pack's own, read on every class.
        MappingSource source;
        try {
          source = MappingSource.classpath(root.getPath());
        } catch (IllegalArgumentException notThere) {
          return; // WireMock found it another way; it reports what it loads itself
        }
        report(root.getPath() + "/mappings", MappingValidator.stubProblems(source, apis, others));
      }
      return;
    }
    Path folder = Path.of(root.getPath());
    if (!Files.isDirectory(folder.resolve("mappings"))) {
      return;
    }
    report(folder.resolve("mappings").toString(), MappingValidator.stubProblems(MappingSource.folder(folder), apis, others));
  }

  private static void report(String mappings, List<Problem> problems) {
    if (!problems.isEmpty()) {
      long files = problems.stream().map(Problem::file).distinct().count();
      String counted = problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + files
          + (files == 1 ? " mapping file" : " mapping files") + " (all of them, one a line):\n"
          + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
      MappingFileException failure = new MappingFileException(mappings, "OpStub found " + counted);
      StartupFailure.stopStandalone(counted + "\nFix " + (files == 1 ? "it" : "them") + " and start again "
          + "(dev.opstub.Validate checks a mapping set without starting a server: see docs/sharing.md).", failure);
      throw failure;
    }
  }

  /** Says so on standard error when the classpath holds no mappings; returns whether it did. */
  private static boolean warnWhenEmpty(FileSource root) {
    boolean empty;
    try {
      FileSource mappings = root.child("mappings");
      empty = !mappings.exists() || mappings.listFilesRecursively().isEmpty();
    } catch (RuntimeException e) {
      empty = true;
    }
    if (empty) {
      // On standard error, whatever the log level: WireMock would start and answer 404 to everything.
      System.err.println("OpStub: WARNING: the classpath holds no " + root.getPath() + "/mappings: this server serves "
          + "no mappings. Is the mappings jar on the classpath (mvn package makes target/opstub-<version>-mappings.jar), "
          + "and does --load-resources-from-classpath name the folder inside it (opstub)?");
    }
    return empty;
  }
}
