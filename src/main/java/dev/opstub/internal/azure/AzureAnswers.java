package dev.opstub.internal.azure;

import dev.opstub.spi.Answers;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Poll;
import dev.opstub.spi.Reply;
import dev.opstub.spi.StubParameters;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How every Azure URL that polls (a monitor, a Location, a resource) answers the outcomes of a
 * poll: its own "not found", Azure's error for a fault step, its own rendering of the status, and
 * the status as the operation serves it (camelCase or not) for the history.
 *
 * @param state where the operations and their profiles are
 * @param missing the answer when no live operation has the id
 * @param shown the answer showing where the operation stands
 */
record AzureAnswers(Operations operations, Supplier<Reply> missing, Function<Poll, Reply> shown) implements Answers {

  @Override
  public Reply notFound() {
    return missing.get();
  }

  @Override
  public Reply httpError(int status) {
    return AzureErrors.forStatus(status);
  }

  @Override
  public Reply status(Poll poll) {
    return shown.apply(poll);
  }

  @Override
  public String statusName(Poll poll) {
    return AzureBodies.statusName(poll, AzureOperation.of(poll.target(), operations));
  }

  /**
   * The guidelines' spelling (PascalCase), the guess of a store that records before it knows the
   * operation (Redis amends a camelCase operation's entry; the memory store records it as served).
   */
  @Override
  public String statusName(Phase phase) {
    return AzureStatuses.spelling(phase);
  }

  /** The wait an operation started by this stub, or by one without {@code retryAfter}, carries. */
  @Override
  public Duration retryAfter(StubParameters parameters) {
    return AzureStart.orDefault(parameters.get(Parameter.RETRY_AFTER), AzureStart.DEFAULT_RETRY_AFTER);
  }
}
