package dev.opstub.internal.wiremock;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import dev.opstub.internal.http.ApiRequest;
import java.util.TreeMap;
import java.util.Map;

/** Turns a WireMock request into the plain {@link ApiRequest} the API packages read. */
final class Requests {
  private Requests() {}

  static ApiRequest from(Request request) {
    return from(request, request.getBodyAsString());
  }

  /** The request with {@code body} in place of its own (a recording keeps no more than a cap of it). */
  static ApiRequest from(Request request, String body) {
    // Case-insensitive already, so ApiRequest keeps it instead of copying it (one map per request).
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (HttpHeader header : request.getHeaders().all()) {
      headers.put(header.key(), header.firstValue());
    }
    String url = request.getUrl();
    int query = url.indexOf('?');
    String path = query < 0 ? url : url.substring(0, query);
    String absolute = request.getAbsoluteUrl();
    String baseUrl = absolute.endsWith(url) ? absolute.substring(0, absolute.length() - url.length()) : absolute;
    String rawQuery = query < 0 ? "" : url.substring(query + 1);
    return new ApiRequest(request.getMethod().getName(), path, baseUrl, headers, body, rawQuery);
  }
}
