package dev.opstub.internal.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a recorded client talking to the recorder: a proxied answer's headers that point at the
 * recorded service by absolute URL ({@code Operation-Location}, {@code Location}, {@code
 * Azure-AsyncOperation}, ...) are rewritten to the recorder's own base URL, so the polls that
 * follow pass through it and are recorded too. Only the proxy stub of a running recording names
 * this transformer; its one parameter is the target's base URL.
 */
final class RecordingUrlRewriter implements ResponseTransformerV2 {
  // Not "opstub-...": that prefix names the APIs' handlers, which mappings may use.
  static final String NAME = "opstub.recording-urls";
  static final String TARGET = "targetBaseUrl";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    Parameters parameters = serveEvent.getTransformerParameters();
    String target = parameters == null ? null : parameters.getString(TARGET, null);
    if (target == null || response.getHeaders() == null) {
      return response;
    }
    String own = serveEvent.getRequest().getAbsoluteUrl();
    own = own.substring(0, own.length() - serveEvent.getRequest().getUrl().length());
    List<HttpHeader> headers = new ArrayList<>();
    boolean changed = false;
    for (HttpHeader header : response.getHeaders().all()) {
      List<String> values = new ArrayList<>();
      for (String value : header.values()) {
        boolean points = value.regionMatches(true, 0, target, 0, target.length())
            && (value.length() == target.length() || "/?#".indexOf(value.charAt(target.length())) >= 0);
        values.add(points ? own + value.substring(target.length()) : value);
        changed |= points;
      }
      headers.add(new HttpHeader(header.key(), values));
    }
    return changed ? Response.Builder.like(response).but().headers(new HttpHeaders(headers)).build() : response;
  }
}
