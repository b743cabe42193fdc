package dev.opstub.internal.api;

/**
 * What a mapping's URL says about an operation id.
 *
 * @param id the normalised id, or {@code null} when the literal text is not a well-formed id of the API
 * @param written the literal text found where the id goes
 */
public record IdClaim(String id, String written) {}
