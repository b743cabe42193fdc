package dev.opstub.spi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A stub an API asks for to script its operations in a test, free of WireMock's types.
 *
 * <pre>{@code
 * Route poll = new Route("GET", "/demo/operations/[^/]+", new DemoPoll(), List.of("timeline"));
 * poll.matchesPath("/demo/operations/42"); // true
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 *
 * @param method the HTTP method, or {@code null} for any
 * @param urlPathPattern the regular expression the request path must match
 * @param handler the handler that answers
 * @param parameters the names of the stub's parameters this route carries to the handler
 */
public record Route(String method, String urlPathPattern, Handler handler, List<String> parameters) {
  /** Compiled patterns: a path check may run on every request (body limits). */
  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

  public Route {
    parameters = List.copyOf(parameters);
  }

  /** Whether a request path (without the query) is on this route, whatever its method. */
  public boolean matchesPath(String path) {
    return COMPILED.computeIfAbsent(urlPathPattern, Pattern::compile).matcher(path).matches();
  }

  /** What a request on this route does to an operation: its handler's role. */
  public Role role() {
    return handler.role();
  }
}
