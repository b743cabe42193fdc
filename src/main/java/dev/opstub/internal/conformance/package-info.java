/**
 * How clients polled, judged against the rules each API declares (docs/conformance.md).
 *
 * <p>Entry points: {@link dev.opstub.internal.conformance.Judge#judge(dev.opstub.internal.state.State,
 * dev.opstub.spi.Dialect, String, dev.opstub.internal.conformance.Waivers)} for one
 * operation, {@link dev.opstub.internal.conformance.Judge#judgeAll} for the operations a list of
 * recorded polls is of; {@link dev.opstub.internal.conformance.JudgementJson#of} for the admin API's
 * JSON. In a JUnit test, {@code OpStubServer#judgements(stubName)} (package-private in {@code
 * dev.opstub.junit}) gives the running test's judgements with its waivers, as {@code ClientAssert}
 * and reports see them.
 *
 * <p>A {@link dev.opstub.internal.conformance.Judgement} holds one {@link
 * dev.opstub.internal.conformance.Verdict} per rule (id, title, source, {@link
 * dev.opstub.internal.conformance.Outcome}, {@link dev.opstub.internal.conformance.Violation}s with
 * poll number, expected, happened), the polls judged ({@code PollRecord}: time, method, path and
 * query, headers, status, Retry-After, fault notation) and the {@link
 * dev.opstub.internal.conformance.Expectations} (pattern, URL handed out, allowed final reads).
 * Nothing here names an API: each declares its {@link dev.opstub.internal.conformance.RuleBook}
 * through {@code Judged#conformance()}.
 */
package dev.opstub.internal.conformance;
