package dev.opstub.internal.validate;

import java.util.Set;

/**
 * What a running server has besides the pack's transformers, as {@link MappingRules} needs it to
 * tell a misspelt OpStub mapping from another extension's: the names of its extensions (a close name
 * of one of them is not a misspelling) and whether some transformer reads every stub's parameters
 * (WireMock's {@code --global-response-templating}, a global extension: parameters with no
 * transformer named are then not dead).
 *
 * <pre>{@code
 * new MappingRules(apis, () -> new OtherTransformers(Set.of("team-signer"), false));
 * }</pre>
 *
 * @param names the server's extension names
 * @param readEveryStub whether a transformer applies to every stub
 */
public record OtherTransformers(Set<String> names, boolean readEveryStub) {
  /** The offline validator's view: no server, so nothing else. */
  public static final OtherTransformers NONE = new OtherTransformers(Set.of(), false);
}
