package dev.opstub.internal.wiremock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.LocalNotifier;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.opstub.internal.api.StateOperations;
import dev.opstub.internal.http.Headers;
import dev.opstub.internal.state.PollRecord;
import dev.opstub.internal.state.State;
import dev.opstub.internal.state.StoreUnavailable;
import dev.opstub.spi.Dialect;
import dev.opstub.spi.Handler;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.StubParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Serves one {@link Handler} of one API as a WireMock transformer named after it: turn the request
 * into an {@link Request}, let the handler answer with the stub's parameters (read once per
 * stub and kept), render a templated body, record polls in the state's history, and turn every
 * failure into an error in the API's own format (a broken mapping is named; an unexpected fault is
 * logged, never shown as a stack trace).
 *
 * <p>Only {@code String}, {@code Map} and WireMock's own types cross WireMock's API here, so the
 * same classes link against the relocated {@code wiremock-standalone} jar.
 */
final class HandlerTransformer implements ResponseDefinitionTransformerV2 {
  private final Dialect api;
  private final Handler handler;
  private final State state;
  /** What the handler sees of {@link #state}. */
  private final Operations operations;
  private final BodyTemplates templates;
  /** The configured public base URL of every URL handed out, or {@code null} for each request's own. */
  private final String publicUrl;
  /**
   * Each stub's parameters, read when first seen (the mapping check reads them when the stub is
   * added), keyed by the stub's own parameters object: weakly, so a removed stub's entry goes too.
   */
  private final Cache<Parameters, Object> read = Caffeine.newBuilder().weakKeys().build();

  HandlerTransformer(Dialect api, Handler handler, State state, BodyTemplates templates, String publicUrl) {
    this.api = api;
    this.publicUrl = publicUrl;
    this.handler = handler;
    this.state = state;
    this.operations = new StateOperations(state);
    this.templates = templates;
  }

  @Override
  public String getName() {
    return handler.name();
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    ResponseDefinition definition = serveEvent.getResponseDefinition();
    Request request = Requests.served(serveEvent.getRequest(), publicUrl);
    String tooLarge = request.header(BodyLimitFilter.HEADER);
    if (tooLarge != null) {
      return respond(definition, api.bodyTooLarge(request, parseSize(tooLarge)), null);
    }
    Reply reply = null;
    try {
      StubParameters parameters = parameters(definition);
      reply = handler.handle(request, parameters, operations);
      if (reply.polled() != null) {
        Duration retryAfter = retryAfter(parameters, reply);
        if (retryAfter != null) {
          reply = reply.withHeaders(Headers.retryAfter(retryAfter));
        }
      }
      String body = reply.body() != null ? reply.body()
          : templates.render(serveEvent, definition.getBodyFileName(), reply.template(), reply.model());
      record(request, reply);
      return respond(definition, reply, body);
    } catch (StoreUnavailable e) {
      LocalNotifier.notifier().error(e.getMessage());
      return respond(definition, failedPoll(request, reply, api.error(request, 503, "OpStubStoreUnavailable",
          e.getMessage())), null);
    } catch (MappingException | StubParameters.Invalid e) {
      String message = "OpStub mapping " + describe(serveEvent.getStubMapping()) + " is invalid: " + e.getMessage();
      LocalNotifier.notifier().error(message);
      return respond(definition, failedPoll(request, reply, api.error(request, 500, "OpStubMappingError", message)), null);
    } catch (RuntimeException e) {
      LocalNotifier.notifier().error("OpStub failed to answer " + serveEvent.getRequest().getUrl(), e);
      Reply failed;
      try {
        failed = api.error(request, 500, "InternalServerError", "The stub failed to answer this request; see the server log.");
      } catch (RuntimeException again) {
        failed = Reply.text(500, Map.of("Content-Type", "application/json"),
            "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"The stub failed to answer this request.\"}}");
      }
      return respond(definition, failedPoll(request, reply, failed), null);
    }
  }

  /** An error answered to a poll the handler served is still a poll: it goes into the history. */
  private Reply failedPoll(Request request, Reply served, Reply error) {
    if (served != null && served.polled() != null) {
      Reply.Polled polled = served.polled();
      error = error.withPolled(new Reply.Polled(polled.api(), polled.operationId(), null, false));
      try {
        if (polled.recorded() != null) {
          // The state recorded what it served; the client got this error instead.
          polled.recorded().answeredInstead(error.status());
        } else {
          record(request, error);
        }
      } catch (StoreUnavailable e) {
        // The history lives in the store that is down: this poll cannot be recorded.
      }
    }
    return error;
  }

  private static long parseSize(String size) {
    try {
      return Long.parseLong(size.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The stub's parameters, typed; read once per stub. */
  private StubParameters parameters(ResponseDefinition definition) {
    Parameters raw = definition.getTransformerParameters();
    if (raw == null || raw.isEmpty()) {
      return StubParameters.NONE;
    }
    Object parsed = read.get(raw, key -> {
      try {
        return StubParameters.read(handler, key);
      } catch (StubParameters.Invalid e) {
        return e;
      }
    });
    if (parsed instanceof StubParameters.Invalid invalid) {
      throw invalid;
    }
    return (StubParameters) parsed;
  }

  /**
   * The {@code retryAfter} parameter, served on every answer that shows a status that is not
   * terminal (a 200 monitor, an ARM 202 {@code Location} answer); a fault step's error carries
   * only the wait its own notation gives.
   */
  private static Duration retryAfter(StubParameters parameters, Reply reply) {
    Duration retryAfter = parameters.get(Parameter.RETRY_AFTER);
    return retryAfter == null || reply.status() / 100 != 2 || reply.polled().terminal() ? null : retryAfter;
  }

  private void record(Request request, Reply reply) {
    Reply.Polled polled = reply.polled();
    if (polled != null && polled.recorded() == null) {
      Duration retryAfter = Headers.retryAfter(reply.headers());
      state.record(new PollRecord(polled.api(), polled.operationId(), Instant.now(), request.headers(),
          reply.status(), polled.status(), polled.terminal(), retryAfter, request.method(), request.path(),
          request.query()));
    }
  }


  private static ResponseDefinition respond(ResponseDefinition definition, Reply reply, String body) {
    ResponseDefinitionBuilder response = ResponseDefinitionBuilder.like(definition).but()
        .withStatus(reply.status())
        .withBodyFile(null)
        .withBody(body != null ? body : reply.body());
    if (definition.getHeaders() != null && definition.getHeaders().size() > 0) {
      // Headers the mapping adds stay, unless the reply sets the same one.
      List<HttpHeader> headers = new ArrayList<>();
      for (HttpHeader header : definition.getHeaders().all()) {
        if (reply.headers().keySet().stream().noneMatch(header.key()::equalsIgnoreCase)) {
          headers.add(header);
        }
      }
      reply.headers().forEach((name, value) -> headers.add(new HttpHeader(name, value)));
      response = response.withHeaders(new HttpHeaders(headers));
    } else {
      // The mapping adds none (the shipped ones): the reply's go straight into the builder.
      for (Map.Entry<String, String> header : reply.headers().entrySet()) {
        response = response.withHeader(header.getKey(), header.getValue());
      }
    }
    if (reply.delay() != null) {
      response = response.withFixedDelay((int) Math.min(Integer.MAX_VALUE, reply.delay().toMillis()));
    }
    if (reply.fault() != null) {
      response = response.withFault(switch (reply.fault()) {
        case EMPTY_RESPONSE -> Fault.EMPTY_RESPONSE;
        case CONNECTION_RESET, HTTP -> Fault.CONNECTION_RESET_BY_PEER;
      });
    }
    return response.build();
  }

  private static String describe(StubMapping stub) {
    if (stub == null) {
      return "(unknown)";
    }
    return stub.getName() != null ? "'" + stub.getName() + "' (" + stub.getId() + ")" : String.valueOf(stub.getId());
  }
}
