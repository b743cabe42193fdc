package dev.opstub;

import dev.opstub.internal.validate.MappingValidator;

/**
 * The mapping checker's command: {@code java -cp "target/standalone/*" dev.opstub.Validate
 * <root-dir>...}. Prints one line per problem ({@code file: /json/pointer: what is wrong;
 * allowed: ...}) and exits 0 when clean, 1 with problems, 2 for wrong arguments; {@code --help}
 * prints the usage. See {@link MappingValidator}.
 *
 * <pre>{@code
 * java -cp "target/standalone/*" dev.opstub.Validate . ../team-b
 * java -cp "target/standalone/*" dev.opstub.Validate target/opstub-0.1.0-SNAPSHOT-mappings.jar!/opstub
 * }</pre>
 */
public final class Validate {
  private Validate() {}

  /** Runs {@link MappingValidator#run} and exits with its status. */
  public static void main(String[] args) {
    MappingValidator.main(args);
  }
}
