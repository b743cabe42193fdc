package dev.opstub.internal.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.opstub.internal.record.Exchange;
import dev.opstub.internal.record.Recordings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Hands every request the recording's proxy answered to {@link Recordings}, once the answer is
 * complete. Reading served events here, rather than WireMock's request journal, keeps a recording
 * whole however small the journal is ({@code --max-request-journal-entries 1000}) or when it is off.
 */
final class RecordingListener implements ServeEventListener {
  private final Recordings recordings;

  RecordingListener(Recordings recordings) {
    this.recordings = recordings;
  }

  @Override
  public String getName() {
    return "opstub-recording";
  }

  @Override
  public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
    Object proxy = recordings.proxy();
    StubMapping stub = serveEvent.getStubMapping();
    LoggedResponse response = serveEvent.getResponse();
    if (proxy == null || stub == null || !proxy.equals(stub.getId()) || response == null) {
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (response.getHeaders() != null) {
      for (HttpHeader header : response.getHeaders().all()) {
        headers.put(header.key(), header.firstValue());
      }
    }
    recordings.capture(proxy, new Exchange(serveEvent.getRequest().getLoggedDate().toInstant(),
        Requests.from(serveEvent.getRequest()), response.getStatus(), headers, body(response.getBody())));
  }

  /** The body as text; a gzip body (a service answering {@code Content-Encoding: gzip}) unpacked. */
  private static String body(byte[] body) {
    if (body == null) {
      return "";
    }
    if (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }
    return new String(body, StandardCharsets.UTF_8);
  }
}
