package dev.opstub.spi;

/**
 * Where a stub stands among the stubs that match one request: the one scheme of WireMock
 * priorities the pack's stubs follow (a test's, the shipped mappings, a recording's, an import's),
 * and the one a dialect's shipped mappings follow. WireMock tries stubs from the lowest number up,
 * and of stubs at one priority the one added last first: so a stub that must win over another
 * matching the same request stands at a lower number, and a test's stub, added after the shipped
 * ones, wins at the same number.
 *
 * <table>
 *   <caption>The scheme</caption>
 *   <tr><th>priority</th><th>who</th></tr>
 *   <tr><td>{@value #TEST_ONE_OPERATION}</td><td>a test's stub for one operation</td></tr>
 *   <tr><td>{@value #TEST_EVERY_OPERATION}</td><td>a test's stub for every operation of an API</td></tr>
 *   <tr><td>{@value #ONE_OPERATION}</td><td>a poll or look of one operation id (shipped, recorded)</td></tr>
 *   <tr><td>{@value #ONE_INPUT}</td><td>a start call with one well-known input (a failing one, a recorded call)</td></tr>
 *   <tr><td>{@value #EVERY_OPERATION}</td><td>a poll, look or start for every operation</td></tr>
 *   <tr><td>{@value #ADDED_EVERY_OPERATION}</td><td>a stub for every operation a recording or an
 *       import adds beside the shipped ones</td></tr>
 *   <tr><td>{@value #FALLBACK}</td><td>an API's not-found answer for what nothing else matched</td></tr>
 * </table>
 *
 * <p>{@link #of(Role, boolean)} gives a dialect's stub its place by its handler's {@link Role}.
 * Three moves are allowed, each only for stubs that no other stub at the numbers between them can
 * match:
 * <ul>
 *   <li>a poll or look for every operation at {@link #ONE_OPERATION} when its API ships no stub
 *       for one operation on its URLs: a poll (the call a client makes most) then tries no start
 *       mapping first;
 *   <li>the stubs for one operation of an API whose URL patterns are costly for other APIs' polls
 *       to reject one later, at {@code ONE_OPERATION + 1};
 *   <li>a poll or look for every operation whose URLs another API's broader stub at {@link
 *       #ONE_OPERATION} also matches, at {@link #TEST_EVERY_OPERATION}: before that stub, and still
 *       after a test's own (added later, so tried first at the same number).
 * </ul>
 * A stub that must come before a test's stubs for every operation (a recording's proxy, a redirect
 * to another endpoint) stands at {@link #TEST_ONE_OPERATION}. docs/mappings.md names the shipped
 * stubs that make these moves.
 *
 * <pre>{@code
 * int priority = StubPriority.of(handler.role(), true); // 3 for a poll of one id, 4 for a start with one input
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
public final class StubPriority {
  /** A test's stub for one operation ({@code @OperationStub} with an id): before everything else. */
  public static final int TEST_ONE_OPERATION = 1;
  /** A test's stub for every operation of an API: before every shipped stub. */
  public static final int TEST_EVERY_OPERATION = 2;
  /** A shipped or recorded poll or look of one operation id: before the stubs for every operation. */
  public static final int ONE_OPERATION = 3;
  /**
   * A start call with one well-known input (a failing input, a call a recording kept): before the
   * start for every input.
   */
  public static final int ONE_INPUT = 4;
  /** A poll, look or start for every operation: what answers the operations the server holds. */
  public static final int EVERY_OPERATION = 5;
  /**
   * A stub for every operation that a recording or an import adds beside the shipped set, or that
   * would hide other starts (an imported start whose path is a whole resource id): after them, so
   * that adding it changes no answer they give.
   */
  public static final int ADDED_EVERY_OPERATION = 6;
  /** An API's not-found answer for its paths that no other stub matched: after all of them. */
  public static final int FALLBACK = 10;

  private StubPriority() {}

  /**
   * The priority of a dialect's stub (shipped, recorded or imported) whose handler has {@code role}:
   * {@link #ONE_OPERATION} for a poll or look of one operation id, {@link #ONE_INPUT} for a start
   * with one input, {@link #EVERY_OPERATION} for every operation or input.
   *
   * @param one whether the stub matches one operation id (one input, for a start) rather than every one
   */
  public static int of(Role role, boolean one) {
    if (!one) {
      return EVERY_OPERATION;
    }
    return role == Role.START ? ONE_INPUT : ONE_OPERATION;
  }
}
