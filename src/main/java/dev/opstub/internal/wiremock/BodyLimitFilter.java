package dev.opstub.internal.wiremock;

import com.github.tomakehurst.wiremock.common.url.PathParams;
import com.github.tomakehurst.wiremock.core.Admin;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.ContentTypeHeader;
import com.github.tomakehurst.wiremock.http.Cookie;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPattern;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.opstub.internal.api.Apis;
import dev.opstub.spi.Dialect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Keeps bodies past {@link dev.opstub.spi.Request#MAX_BODY_BYTES} away from the pack's routes.
 *
 * <p>WireMock reads and un-gzips a whole request body ({@code WireMockHttpServletRequestAdapter
 * .getBody()}, called by {@code ServeEvent.of}) before any extension sees the request; then it runs
 * the request filters, then it matches stubs (body patterns such as {@code matchesJsonPath}, which
 * turn the body into text and parse it once per candidate stub), and only then the transformer. So
 * this filter is the first place an extension can act. For a request to a path the pack owns (one
 * an API owns, see {@link Dialect#ownsPath(String)}, or one a stub served by one of the pack's
 * transformers matches: an Azure start path is its mapping's own regular expression) whose body is
 * larger than the limit, it goes on with the same request without its body and with the header
 * {@value #HEADER} (the body's size);
 * stub matching then sees an empty body, the request journal keeps no copy of the body, and the
 * pack's transformers answer with {@link Dialect#bodyTooLarge}. Other paths are left alone.
 * The request it goes on with is a copy that holds no reference to the body: WireMock keeps that
 * request with the serve event in its journal.
 *
 * <p>It does not stop the request itself: a stopped request would keep its whole body in WireMock's
 * request journal. While a recording runs it leaves every body alone: the recording's proxy passes
 * the request on to the real service, which decides, and the recording bounds what it keeps.
 */
final class BodyLimitFilter implements StubRequestFilterV2 {
  /** Set on a request whose body the filter dropped; its value is the body's size in bytes. */
  static final String HEADER = "OpStub-Body-Too-Large";

  private final Apis apis;
  /** The server's stubs, asked only for a body past the limit; {@code null} (or giving null) for none. */
  private final Supplier<Admin> admin;

  /** Whether a recording runs: then the real service answers every request, whole bodies and all. */
  private final BooleanSupplier recording;

  BodyLimitFilter(Apis apis, Supplier<Admin> admin, BooleanSupplier recording) {
    this.apis = apis;
    this.admin = admin;
    this.recording = recording;
  }

  @Override
  public String getName() {
    return "opstub-body-limit";
  }

  @Override
  public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
    // Already read (and un-gzipped) by WireMock: this is its cached array.
    byte[] body = request.getBody();
    int size = body == null ? 0 : body.length;
    if (size <= dev.opstub.spi.Request.MAX_BODY_BYTES) {
      if (request.containsHeader(HEADER)) {
        // Only this filter sets it; a client's own copy would refuse a body that is fine.
        return RequestFilterAction.continueWith(LoggedRequest.createFrom(new WithoutBody(request, null)));
      }
      return RequestFilterAction.continueWith(request);
    }
    if (recording.getAsBoolean() || !ownedByThePack(request.getUrl())) {
      return RequestFilterAction.continueWith(request);
    }
    // A copy, not a wrapper: WireMock keeps the request it goes on with (the journal's serve event
    // holds it as the response definition's original request), and a wrapper would keep the body.
    return RequestFilterAction.continueWith(LoggedRequest.createFrom(new WithoutBody(request, Integer.toString(size))));
  }

  private boolean ownedByThePack(String url) {
    int query = url.indexOf('?');
    String path = query < 0 ? url : url.substring(0, query);
    for (Dialect api : apis.all()) {
      if (api.ownsPath(path)) {
        return true;
      }
    }
    return servedByThePack(url);
  }

  /**
   * Whether a stub that one of the pack's transformers serves matches {@code url}, whatever its
   * method: the paths users choose (an Azure start mapping's {@code urlPathPattern}, a test's
   * {@code @OperationStub}). Read from the live stubs, so an added mapping counts at once; only for a
   * body past the limit, which costs more to read than this walk.
   */
  private boolean servedByThePack(String url) {
    Admin server = admin == null ? null : admin.get();
    if (server == null) {
      return false;
    }
    for (StubMapping stub : server.listAllStubMappings().getMappings()) {
      List<String> transformers = stub.getResponse() == null ? null : stub.getResponse().getTransformers();
      if (transformers == null || transformers.stream().noneMatch(name -> apis.handler(name) != null)) {
        continue;
      }
      RequestPattern request = stub.getRequest();
      if (request != null && request.getUrlMatcher() != null && request.getUrlMatcher().match(url).isExactMatch()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The request as it came, without its body (or, when {@code size} is {@code null}, with its body
   * but without a client's {@value #HEADER}), and with {@value #HEADER} giving the dropped body's size.
   */
  static final class WithoutBody implements Request {
    private final Request delegate;
    private final String size;
    private final HttpHeaders headers;

    WithoutBody(Request delegate, String size) {
      this.delegate = delegate;
      this.size = size;
      List<HttpHeader> kept = new ArrayList<>();
      for (HttpHeader header : delegate.getHeaders().all()) {
        if (!header.keyEquals(HEADER)) {
          kept.add(header);
        }
      }
      if (size != null) {
        kept.add(new HttpHeader(HEADER, size));
      }
      this.headers = new HttpHeaders(kept);
    }

    private boolean dropped() {
      return size != null;
    }

    @Override
    public UUID getId() {
      return delegate.getId();
    }

    @Override
    public String getUrl() {
      return delegate.getUrl();
    }

    @Override
    public String getAbsoluteUrl() {
      return delegate.getAbsoluteUrl();
    }

    @Override
    public RequestMethod getMethod() {
      return delegate.getMethod();
    }

    @Override
    public String getScheme() {
      return delegate.getScheme();
    }

    @Override
    public String getHost() {
      return delegate.getHost();
    }

    @Override
    public int getPort() {
      return delegate.getPort();
    }

    @Override
    public String getClientIp() {
      return delegate.getClientIp();
    }

    @Override
    public String getHeader(String key) {
      HttpHeader header = header(key);
      return header.isPresent() ? header.firstValue() : null;
    }

    @Override
    public HttpHeader header(String key) {
      return headers.getHeader(key);
    }

    @Override
    public ContentTypeHeader contentTypeHeader() {
      return delegate.contentTypeHeader();
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public boolean containsHeader(String key) {
      return header(key).isPresent();
    }

    @Override
    public Set<String> getAllHeaderKeys() {
      Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      keys.addAll(headers.keys());
      return keys;
    }

    @Override
    public PathParams getPathParameters() {
      return delegate.getPathParameters();
    }

    @Override
    public QueryParameter queryParameter(String key) {
      return delegate.queryParameter(key);
    }

    @Override
    public FormParameter formParameter(String key) {
      return dropped() ? FormParameter.absent(key) : delegate.formParameter(key);
    }

    @Override
    public Map<String, FormParameter> formParameters() {
      return dropped() ? Map.of() : delegate.formParameters();
    }

    @Override
    public Map<String, Cookie> getCookies() {
      return delegate.getCookies();
    }

    @Override
    public byte[] getBody() {
      return dropped() ? new byte[0] : delegate.getBody();
    }

    @Override
    public String getBodyAsString() {
      return dropped() ? "" : delegate.getBodyAsString();
    }

    @Override
    public String getBodyAsBase64() {
      return dropped() ? "" : delegate.getBodyAsBase64();
    }

    @Override
    public boolean isMultipart() {
      return !dropped() && delegate.isMultipart();
    }

    @Override
    public Collection<Part> getParts() {
      return dropped() ? null : delegate.getParts();
    }

    @Override
    public Part getPart(String name) {
      return dropped() ? null : delegate.getPart(name);
    }

    @Override
    public boolean isBrowserProxyRequest() {
      return delegate.isBrowserProxyRequest();
    }

    @Override
    public Optional<Request> getOriginalRequest() {
      return delegate.getOriginalRequest();
    }

    @Override
    public String getProtocol() {
      return delegate.getProtocol();
    }
  }
}
