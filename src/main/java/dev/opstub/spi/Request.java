package dev.opstub.spi;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parts of an HTTP request the API packages read, free of any server library.
 *
 * <pre>{@code
 * Request poll = Request.get("/operations/42", "http://127.0.0.1:8080", Map.of("Ocp-Apim-Subscription-Key", "k"));
 * poll.header("ocp-apim-subscription-key"); // "k": names are case-insensitive
 * }</pre>
 *
 * <p>Beta: may change in a minor release until 1.0.
 *
 * @param method upper-case HTTP method
 * @param path the request path, still percent-encoded, without the query
 * @param baseUrl scheme, host and port the client used, e.g. {@code http://127.0.0.1:8080}
 * @param headers header values by name; look them up with {@link #header(String)}
 * @param body the request body as text ({@code ""} when there is none)
 * @param query the raw query string after {@code ?}, still percent-encoded ({@code ""} when none)
 */
public record Request(String method, String path, String baseUrl, Map<String, String> headers, String body,
    String query) {

  /**
   * The largest request body (after WireMock has un-gzipped it) that a route of the pack accepts:
   * 1 MiB. A take with 100 subscription ids and 16 KB of {@code userData} is about 20 KB.
   */
  public static final int MAX_BODY_BYTES = 1_048_576;

  /**
   * Headers whose look-ups already ignore case (a server's own, copied once into a compact form):
   * kept as given instead of copied again.
   */
  public interface CaseInsensitiveHeaders extends Map<String, String> {}

  public Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    if (!(headers instanceof CaseInsensitiveHeaders)
        && !(headers instanceof TreeMap<String, String> sorted && sorted.comparator() == String.CASE_INSENSITIVE_ORDER)) {
      TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      caseInsensitive.putAll(headers);
      headers = caseInsensitive;
    }
    body = body == null ? "" : body;
    query = query == null ? "" : query;
  }

  /** A request without a query string. */
  public Request(String method, String path, String baseUrl, Map<String, String> headers, String body) {
    this(method, path, baseUrl, headers, body, "");
  }

  /** A header's value (names are case-insensitive), or {@code null} when absent. */
  public String header(String name) {
    return headers.get(name);
  }

  /** A GET without body, for tests and admin use. */
  public static Request get(String path, String baseUrl, Map<String, String> headers) {
    return new Request("GET", path, baseUrl, headers, "");
  }
}
