package dev.opstub.internal.api;

import java.util.List;

/**
 * A stub an API asks for to script its operations in a test, free of WireMock's types.
 *
 * @param method the HTTP method, or {@code null} for any
 * @param urlPathPattern the regular expression the request path must match
 * @param handler the handler that answers
 * @param parameters the names of the stub's parameters this route carries to the handler
 */
public record Route(String method, String urlPathPattern, Handler handler, List<String> parameters) {}
