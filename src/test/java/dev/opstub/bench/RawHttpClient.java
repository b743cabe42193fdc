package dev.opstub.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client on one keep-alive loopback connection, for the load generator: it
 * writes a GET, reads the status line and headers, then the body ({@code Content-Length} or
 * chunked). Far cheaper per request than {@link java.net.http.HttpClient}, which matters when the
 * client and the server share two cores. Not thread-safe: one per load thread.
 */
final class RawHttpClient implements AutoCloseable {
  private final int port;
  private final String hostHeader;
  private final byte[] fixedHeaders;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final byte[] line = new byte[8192];
  private byte[] body = new byte[4096];
  private int bodyLength;

  /** @param headers extra request headers, each {@code "Name: value"} */
  RawHttpClient(int port, String... headers) {
    this.hostHeader = "127.0.0.1:" + port;
    StringBuilder fixed = new StringBuilder(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
    for (String header : headers) {
      fixed.append(header).append("\r\n");
    }
    this.fixedHeaders = fixed.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    this.port = port;
  }

  private void connect() throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(30_000);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
  }

  /** Sends {@code GET path} and reads the whole answer; returns the HTTP status. */
  int get(String path) throws IOException {
    if (socket == null) {
      connect();
    }
    byte[] start = ("GET " + path).getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[start.length + fixedHeaders.length];
    System.arraycopy(start, 0, request, 0, start.length);
    System.arraycopy(fixedHeaders, 0, request, start.length, fixedHeaders.length);
    out.write(request);
    out.flush();
    return readResponse();
  }

  /** Sends {@code POST path} with an empty body and reads the whole answer; returns the HTTP status. */
  int post(String path) throws IOException {
    if (socket == null) {
      connect();
    }
    // The fixed headers end with the blank line: put Content-Length before it.
    String head = new String(fixedHeaders, 0, fixedHeaders.length - 2, StandardCharsets.US_ASCII);
    out.write(("POST " + path + head + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return readResponse();
  }

  /** The body of the last answer, as text (for sanity checks, not in the timed loop). */
  String lastBody() {
    return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
  }

  private int readResponse() throws IOException {
    int n = readLine();
    // "HTTP/1.1 200 OK"
    if (n < 12) {
      throw new IOException("bad status line: " + new String(line, 0, Math.max(n, 0), StandardCharsets.US_ASCII));
    }
    int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    long contentLength = -1;
    boolean chunked = false;
    boolean close = false;
    while ((n = readLine()) > 0) {
      if (startsWithIgnoreCase(n, "content-length:")) {
        contentLength = Long.parseLong(value(n, 15));
      } else if (startsWithIgnoreCase(n, "transfer-encoding:")) {
        chunked = value(n, 18).equalsIgnoreCase("chunked");
      } else if (startsWithIgnoreCase(n, "connection:")) {
        close = value(n, 11).equalsIgnoreCase("close");
      }
    }
    bodyLength = 0;
    if (chunked) {
      while (true) {
        int len = readLine();
        int size = Integer.parseInt(new String(line, 0, len, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
        if (size == 0) {
          while (readLine() > 0) {
            // trailers
          }
          break;
        }
        readBody(size);
        readLine();
      }
    } else if (contentLength > 0) {
      readBody((int) contentLength);
    }
    if (close) {
      close();
    }
    return status;
  }

  private void readBody(int size) throws IOException {
    if (bodyLength + size > body.length) {
      byte[] bigger = new byte[Math.max(body.length * 2, bodyLength + size)];
      System.arraycopy(body, 0, bigger, 0, bodyLength);
      body = bigger;
    }
    int read = 0;
    while (read < size) {
      int r = in.read(body, bodyLength + read, size - read);
      if (r < 0) {
        throw new IOException("connection closed in the body");
      }
      read += r;
    }
    bodyLength += size;
  }

  /** Reads one CRLF-terminated line into {@link #line}; returns its length without CRLF. */
  private int readLine() throws IOException {
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b == '\n') {
        return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
      }
      if (n < line.length) {
        line[n++] = (byte) b;
      }
    }
  }

  private boolean startsWithIgnoreCase(int n, String prefix) {
    if (n < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (Character.toLowerCase(line[i]) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String value(int n, int from) {
    return new String(line, from, n - from, StandardCharsets.US_ASCII).trim();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing
      }
      socket = null;
    }
  }
}
