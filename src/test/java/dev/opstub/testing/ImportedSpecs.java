package dev.opstub.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.opstub.wiremock.OpStubExtensions;

import dev.opstub.internal.importer.ImportCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test-only: the fixture specs (src/test/resources/specs) and the importer run on them. */
public final class ImportedSpecs {
  public static final Path SPECS = Path.of("src/test/resources/specs");
  public static final Path DOCUMENT_INTELLIGENCE = SPECS.resolve("documentintelligence/DocumentIntelligence.json");
  public static final Path RESOURCES = SPECS.resolve("resources/resources.json");
  public static final Path DASHBOARD = SPECS.resolve("dashboard/grafana.json");
  public static final List<Path> ALL = List.of(DOCUMENT_INTELLIGENCE, RESOURCES, DASHBOARD);

  private ImportedSpecs() {}

  /** What one run of the command printed and returned. */
  public record Run(int status, String out, String err) {}

  /** {@code dev.opstub.Import} with these arguments, in process. */
  public static Run run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ImportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** An in-process server on loopback serving {@code root}'s mappings with a pack of its own, started. */
  public static WireMockServer serve(Path root) {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
        .usingFilesUnderDirectory(root.toString()).extensions(new OpStubExtensions()));
    server.start();
    return server;
  }

  /** Imports the specs into {@code root}; the command must succeed. */
  public static Run importInto(Path root, Path... specs) {
    List<String> args = new ArrayList<>(List.of("--out", root.toString()));
    for (Path spec : specs) {
      args.add(spec.toString());
    }
    Run run = run(args);
    assertThat(run.status()).as(run.err()).isZero();
    return run;
  }
}
