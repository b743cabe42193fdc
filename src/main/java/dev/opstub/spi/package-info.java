/**
 * The public extension interface a dialect (one long-running-operation API) is written against.
 *
 * <p>Beta: may change in a minor release until 1.0. Its types are listed in {@code api/opstub.api}.
 * It holds the interface a dialect implements, {@link dev.opstub.spi.Dialect} (found through
 * {@code META-INF/services/dev.opstub.spi.Dialect}), the plain types a dialect reads and answers
 * with (the request, the timeline and the poll it saw, the reply, the stub parameters it reads),
 * its {@link dev.opstub.spi.Handler}s, {@link dev.opstub.spi.Route}s and {@link
 * dev.opstub.spi.Answers}, and {@link dev.opstub.spi.Operations}, what a handler may do to the
 * server's operations. A dialect written against this package and the JDK alone is a jar on the
 * class path: docs/extending.md.
 *
 * <pre>{@code
 * Request poll = Request.get("/operations/42", "http://127.0.0.1:8080", Map.of());
 * Phase phase = statuses.phaseOf("running").orElseThrow();
 * }</pre>
 */
package dev.opstub.spi;
