package dev.opstub.internal.media;

import dev.opstub.internal.http.Ids;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Header names of the Media Services REST API and the headers every OpStub reply carries.
 *
 * <p>Every reply has {@code request-id} and {@code x-ms-request-id} (one fresh GUID per response,
 * the same in both), {@code DataServiceVersion: 3.0;}, {@code X-Content-Type-Options: nosniff} and
 * {@code Cache-Control: no-cache}.
 *
 * <pre>{@code
 * Map<String, String> headers = MediaHeaders.common(MediaFormat.JSON_LIGHT.contentType());
 * }</pre>
 */
public final class MediaHeaders {
  public static final String AUTHORIZATION = "Authorization";
  public static final String VERSION = "x-ms-version";
  public static final String ACCEPT = "Accept";
  public static final String OPERATION_ID = "operation-id";
  public static final String REQUEST_ID = "request-id";
  public static final String MS_REQUEST_ID = "x-ms-request-id";
  public static final String DATA_SERVICE_VERSION = "DataServiceVersion";
  public static final String CONTENT_TYPE = "Content-Type";

  private MediaHeaders() {}

  /**
   * The headers every reply carries, with a fresh request id, plus {@code Content-Type} unless
   * {@code contentType} is {@code null}. The map is mutable and keeps insertion order.
   */
  public static Map<String, String> common(String contentType) {
    String requestId = Ids.randomUuid().toString();
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put(CONTENT_TYPE, contentType);
    }
    headers.put(REQUEST_ID, requestId);
    headers.put(MS_REQUEST_ID, requestId);
    headers.put(DATA_SERVICE_VERSION, "3.0;");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Cache-Control", "no-cache");
    return headers;
  }
}
