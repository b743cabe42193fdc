package dev.opstub.internal.wiremock;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** Turns a WireMock request into the plain {@link dev.opstub.spi.Request} the API packages read. */
final class Requests {
  private Requests() {}

  static dev.opstub.spi.Request from(Request request) {
    return from(request, request.getBodyAsString(), null);
  }

  /**
   * The request as the pack reads it; its base URL is {@code publicUrl} when the server is
   * configured with one (behind a proxy), else the one this client reached the server on.
   */
  static dev.opstub.spi.Request served(Request request, String publicUrl) {
    // A poll has no body: WireMock would look for its charset to decode nothing.
    byte[] body = request.getBody();
    return from(request, body == null || body.length == 0 ? "" : request.getBodyAsString(), publicUrl);
  }

  /** The request with {@code body} in place of its own (a recording keeps no more than a cap of it). */
  static dev.opstub.spi.Request from(Request request, String body) {
    return from(request, body, null);
  }

  private static dev.opstub.spi.Request from(Request request, String body, String publicUrl) {
    Map<String, String> headers = new CompactHeaders(request.getHeaders());
    String url = request.getUrl();
    int query = url.indexOf('?');
    String path = query < 0 ? url : url.substring(0, query);
    String baseUrl = publicUrl != null ? publicUrl : baseUrl(request, url, headers.get("Host"));
    String rawQuery = query < 0 ? "" : url.substring(query + 1);
    return new dev.opstub.spi.Request(request.getMethod().getName(), path, baseUrl, headers, body, rawQuery);
  }

  /**
   * Scheme, host and port as this client reached the server: the {@code Host} it sent, and when
   * that names no port (App Configuration's signing policy sends {@code Host: 127.0.0.1}) the port
   * its connection arrived on, which Jetty would otherwise give as the scheme's default.
   */
  private static String baseUrl(Request request, String url, String host) {
    String absolute = request.getAbsoluteUrl();
    String base = absolute.endsWith(url) ? absolute.substring(0, absolute.length() - url.length()) : absolute;
    if (host == null || host.isBlank() || host.lastIndexOf(':') > host.lastIndexOf(']')) {
      return base;
    }
    String scheme = request.getScheme();
    int port = LocalPort.current();
    int defaultPort = "https".equalsIgnoreCase(scheme) ? 443 : 80;
    return port <= 0 || port == defaultPort ? base : scheme + "://" + host.trim() + ":" + port;
  }

  /**
   * The request's headers, first value of each, names as sent, in one array looked through
   * ignoring case: a poll looks up two or three of them, and its history entry keeps them all for
   * as long as the journal holds it (10,000 polls), so each entry adds two objects for young
   * collections to copy, not a map node per header.
   */
  static final class CompactHeaders extends AbstractMap<String, String> implements dev.opstub.spi.Request.CaseInsensitiveHeaders {
    private final String[] namesAndValues;

    CompactHeaders(HttpHeaders headers) {
      Collection<HttpHeader> all = headers == null ? List.of() : headers.all();
      String[] pairs = new String[2 * all.size()];
      int n = 0;
      for (HttpHeader header : all) {
        if (!header.values().isEmpty()) {
          pairs[n++] = header.key();
          pairs[n++] = header.firstValue();
        }
      }
      this.namesAndValues = n == pairs.length ? pairs : Arrays.copyOf(pairs, n);
    }

    @Override
    public String get(Object name) {
      if (name instanceof String key) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
          if (namesAndValues[i].equalsIgnoreCase(key)) {
            return namesAndValues[i + 1];
          }
        }
      }
      return null;
    }

    @Override
    public boolean containsKey(Object name) {
      return get(name) != null;
    }

    @Override
    public int size() {
      return namesAndValues.length / 2;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, String>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < namesAndValues.length;
            }

            @Override
            public Entry<String, String> next() {
              if (!hasNext()) {
                throw new NoSuchElementException();
              }
              next += 2;
              return new SimpleImmutableEntry<>(namesAndValues[next - 2], namesAndValues[next - 1]);
            }
          };
        }

        @Override
        public int size() {
          return namesAndValues.length / 2;
        }
      };
    }
  }

  /**
   * The local port of the connection the current thread serves: WireMock's {@link Request} tells
   * only the {@code Host}'s. Read from Jetty's current HTTP/1 connection (its package is
   * relocated in the standalone jar, so it is looked up by name); {@code -1} when there is none.
   */
  static final class LocalPort {
    private static final Method CURRENT;
    private static final Method END_POINT;
    private static final Method LOCAL_ADDRESS;

    static {
      Method current = null;
      Method endPoint = null;
      Method localAddress = null;
      for (String name : new String[] {"org.eclipse.jetty.server.HttpConnection",
          "wiremock.org.eclipse.jetty.server.HttpConnection"}) {
        try {
          Class<?> connection = Class.forName(name, false, Request.class.getClassLoader());
          current = connection.getMethod("getCurrentConnection");
          endPoint = connection.getMethod("getEndPoint");
          localAddress = endPoint.getReturnType().getMethod("getLocalAddress");
          break;
        } catch (ReflectiveOperationException | LinkageError e) {
          current = null; // not this Jetty: try the next name
        }
      }
      CURRENT = current;
      END_POINT = endPoint;
      LOCAL_ADDRESS = localAddress;
    }

    private LocalPort() {}

    static int current() {
      if (CURRENT == null) {
        return -1;
      }
      try {
        Object connection = CURRENT.invoke(null);
        Object address = connection == null ? null : LOCAL_ADDRESS.invoke(END_POINT.invoke(connection));
        return address instanceof InetSocketAddress socket ? socket.getPort() : -1;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return -1;
      }
    }
  }
}
