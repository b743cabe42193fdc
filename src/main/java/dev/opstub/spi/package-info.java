/**
 * The public extension interface a dialect (one long-running-operation API) is written against.
 *
 * <p>Beta: may change in a minor release until 1.0. Its types are listed in {@code api/opstub.api}.
 * Today it holds the plain types a dialect reads and answers with (the request, the timeline and
 * the poll it saw, the reply, the stub parameters it reads), its {@link dev.opstub.spi.Handler}s,
 * {@link dev.opstub.spi.Route}s and {@link dev.opstub.spi.Answers}, and {@link
 * dev.opstub.spi.Operations}, what a handler may do to the server's operations; the interface a
 * dialect implements ({@code Dialect}) joins it once its signatures name no internal type (see
 * CHANGELOG.md).
 *
 * <pre>{@code
 * Request poll = Request.get("/operations/42", "http://127.0.0.1:8080", Map.of());
 * Phase phase = statuses.phaseOf("running").orElseThrow();
 * }</pre>
 */
package dev.opstub.spi;
