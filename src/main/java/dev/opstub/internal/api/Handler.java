package dev.opstub.internal.api;

import dev.opstub.internal.http.ApiReply;
import dev.opstub.internal.http.ApiRequest;
import dev.opstub.internal.state.State;
import java.util.List;

/**
 * Answers one kind of request of an API (polls, snapshot calls, actions). Served by one
 * transformer named {@link #name()}; its parameters are read once, when the stub is added.
 *
 * <pre>{@code
 * StubParameters parameters = StubParameters.read(handler, Map.of("timeline", "running, succeeded"));
 * ApiReply reply = handler.handle(request, parameters, state);
 * }</pre>
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

  /** Answers one request with the stub's parameters. */
  ApiReply handle(ApiRequest request, StubParameters parameters, State state);
}
