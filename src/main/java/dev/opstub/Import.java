package dev.opstub;

import dev.opstub.internal.importer.ImportCommand;
import java.util.List;

/**
 * The OpenAPI importer's command: {@code java -cp "target/standalone/*" dev.opstub.Import --out
 * <root> [--timeline OperationId=...] <spec.json>...}. Reads OpenAPI 2.0 specs as
 * Azure/azure-rest-api-specs writes them and writes, for every long-running operation, the mappings
 * that script it ({@code <root>/mappings/<spec name>/}), then prints a table of them. Exits 0 when
 * written, 1 when a spec has errors (each names the file, the JSON pointer and the operation;
 * nothing is written), 2 for wrong arguments; {@code --help} prints the usage. See docs/import.md.
 *
 * <pre>{@code
 * java -cp "target/standalone/*" dev.opstub.Import --out imported specs/DocumentIntelligence.json
 * java -cp "target/standalone/*" wiremock.Run --root-dir imported --port 8080
 * }</pre>
 */
public final class Import {
  private Import() {}

  /** Runs {@link ImportCommand#run} and exits with its status. */
  public static void main(String[] args) {
    System.exit(ImportCommand.run(List.of(args), System.out, System.err));
  }
}
