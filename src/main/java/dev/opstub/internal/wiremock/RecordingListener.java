package dev.opstub.internal.wiremock;

import com.github.tomakehurst.wiremock.core.Admin;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.opstub.internal.http.Headers;
import dev.opstub.internal.record.Bodies;
import dev.opstub.internal.record.Exchange;
import dev.opstub.internal.record.Recordings;
import dev.opstub.spi.Request;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Hands every request the recording's proxy answered to {@link Recordings}, once the answer is
 * complete (before it is sent). Each request takes its place in the recording when it arrives ({@code beforeMatch}),
 * so the order is the client's even when a later answer completes first. Reading served events
 * here, rather than WireMock's request journal, keeps a recording whole however small the journal
 * is ({@code --max-request-journal-entries 1000}) or when it is off; an answer over {@link
 * Recordings#MAX_BODY_BYTES} also leaves the journal, whose copy would hold the whole body again.
 */
final class RecordingListener implements ServeEventListener {
  /** WireMock's own answers when its proxy could not reach the target (ProxyResponseRenderer). */
  private static final java.util.List<String> PROXY_FAILURES = java.util.List.of(
      "Network failure trying to make a proxied request from WireMock to",
      "SSL failure trying to make a proxied request from WireMock to",
      "The target proxy address is denied in WireMock's configuration.");

  private final Recordings recordings;
  private final Supplier<Admin> admin;

  RecordingListener(Recordings recordings, Supplier<Admin> admin) {
    this.recordings = recordings;
    this.admin = admin;
  }

  @Override
  public String getName() {
    return "opstub-recording";
  }

  @Override
  public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
    if (recordings.proxy() != null) {
      recordings.arrived(serveEvent.getId(), serveEvent.getRequest().getMethod().getName() + " "
          + path(serveEvent.getRequest().getUrl()));
    }
  }

  /**
   * The answer is complete (and in the journal) but not sent yet: recorded now, and an answer over
   * the cap leaves the journal now, before its body is sent (WireMock only updates an entry
   * that is still there), so the journal's copy is gone before the client's next request comes.
   */
  @Override
  public void beforeResponseSent(ServeEvent serveEvent, Parameters parameters) {
    record(serveEvent);
  }

  @Override
  public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
    recordings.completed(serveEvent.getId());
  }

  private void record(ServeEvent serveEvent) {
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
    LoggedRequest logged = serveEvent.getRequest();
    String call = logged.getMethod().getName() + " " + path(logged.getUrl());
    if (proxy.toString().equals(Headers.get(headers, RecordingProxy.LOOP_HEADER))) {
      recordings.passedOver(proxy, serveEvent.getId(), call + ": came back to this server through targetBaseUrl "
          + "(a proxy loop), answered 508 and not recorded; targetBaseUrl must lead to the real service");
      return;
    }
    String failure = proxyFailure(response);
    if (failure != null) {
      recordings.passedOver(proxy, serveEvent.getId(), "the real service could not be reached (" + failure
          + "); the client got WireMock's 500 and the request was not recorded");
      return;
    }
    Bodies.Kept requestBody = Bodies.keep(logged.getBody(), logged.getHeader("Content-Type"));
    Request request = Requests.from(logged, requestBody.text());
    Bodies.Kept answer = body(response.getBody(), Headers.get(headers, "Content-Type"));
    String cut = answer.cut() != null ? "the answer was " + answer.cut()
        : requestBody.cut() != null ? "the request was " + requestBody.cut() : null;
    recordings.capture(proxy, serveEvent.getId(), new Exchange(logged.getLoggedDate().toInstant(), request,
        response.getStatus(), headers, answer.text()), cut);
    if (cut != null) {
      admin.get().removeServeEvent(serveEvent.getId());
    }
  }

  /** WireMock's reason when its proxy did not reach the target; {@code null} for an answer of the target. */
  private static String proxyFailure(LoggedResponse response) {
    if (response.getStatus() != 500 || response.getBody() == null || response.getBody().length > 4096) {
      return null;
    }
    String body = new String(response.getBody(), StandardCharsets.UTF_8);
    if (PROXY_FAILURES.stream().noneMatch(body::startsWith)) {
      return null;
    }
    // Without the query: a secret parameter of a request that was never recorded is not scrubbed.
    return body.replaceAll("\\?\\S*", "").replaceAll("\\s*[\\r\\n]+\\s*", ": ").trim();
  }

  private static String path(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** The body as text, or what {@link Bodies} keeps of it; a gzip body (a service answering gzip) unpacked. */
  private static Bodies.Kept body(byte[] body, String contentType) {
    if (body == null) {
      return new Bodies.Kept("", null);
    }
    if (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        return Bodies.keep(in, contentType);
      } catch (IOException e) {
        return new Bodies.Kept("", null);
      }
    }
    return Bodies.keep(body, contentType);
  }
}
