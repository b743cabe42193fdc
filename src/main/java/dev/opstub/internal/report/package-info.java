/**
 * Pictures of what a client did: an SVG trace per operation ({@link dev.opstub.internal.report.TraceSvg}),
 * the HTML pages the JUnit extension writes after each test and the server's {@code /__admin/opstub/ui}
 * pages ({@link dev.opstub.internal.report.ReportPages}). Built from what the state records, for
 * every API the registry has: no API is named here.
 */
package dev.opstub.internal.report;
