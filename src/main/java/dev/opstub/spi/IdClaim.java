package dev.opstub.spi;

/**
 * What a mapping's URL says about an operation id.
 *
 * <pre>{@code
 * new IdClaim("a63a3bdd-a1db-4d05-87b8-dbad6850062a", "A63A3BDD-A1DB-4D05-87B8-DBAD6850062A"); // a well-formed id
 * new IdClaim(null, "not-an-id");                                                     // the literal is no id
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 *
 * @param id the normalised id, or {@code null} when the literal text is not a well-formed id of the API
 * @param written the literal text found where the id goes
 */
public record IdClaim(String id, String written) {}
