package dev.opstub.spi;

import java.util.List;

/**
 * Answers one kind of request of an API (polls, snapshot calls, actions). Served by one
 * transformer named {@link #name()}; its parameters are read once, when the stub is added.
 *
 * <pre>{@code
 * StubParameters parameters = StubParameters.read(handler, Map.of("timeline", "running, succeeded"));
 * Reply reply = handler.handle(request, parameters, operations);
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 */
public interface Handler {

  /** The transformer's name, {@code opstub-<api>-...}. */
  String name();

  /**
   * What its requests do to an operation: start one, poll it (advance) or look at it. A handler
   * may still decide per operation (a URL that advances only when no monitor is paired with it);
   * this is its main role, the one the recorder and validator go by.
   */
  Role role();

  /** The {@code transformerParameters} it reads; any other key is a mapping error. */
  List<Parameter<?>> parameters();

  /**
   * The parameters a stub with these {@code raw} values takes, for reading them: by default {@link
   * #parameters()}. A handler whose parameters depend on one another (a stub's {@code
   * statuses} declares the words of its {@code timeline}) reads them with rules made from it; the
   * names are {@link #parameters()}'s.
   */
  default List<Parameter<?>> parameters(java.util.Map<?, ?> raw) {
    return parameters();
  }

  /**
   * Rules across this handler's parameters once each has been read on its own (for example a
   * {@code retryAfter} that one {@code pattern} cannot serve): the validator, the check when a
   * stub is added and the transformer all apply them.
   *
   * @return what is wrong, with JSON pointers relative to {@code transformerParameters}; empty when sound
   */
  default List<Finding> check(StubParameters parameters) {
    return List.of();
  }

  /**
   * Answers one request with the stub's parameters.
   *
   * @param operations the server's operations and resources, shared by every handler
   */
  Reply handle(Request request, StubParameters parameters, Operations operations);
}
