package dev.opstub.internal.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.internal.http.Ids;
import dev.opstub.internal.http.Xml;
import dev.opstub.spi.Reply;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP-level errors of the Media Services REST API as OData v3 error bodies, in the format the
 * client asked for.
 *
 * <ul>
 *   <li>JSON light and nometadata: {@code {"odata.error":{"code":..,"message":{"lang":"en-US","value":..}}}}
 *   <li>verbose: {@code {"error":{"code":..,"message":{"lang":"en-US","value":..}}}}
 *   <li>Atom: {@code <m:error xmlns:m="...metadata"><m:code>..</m:code><m:message xml:lang="en-US">..</m:message></m:error>}
 *       as {@code application/xml}
 * </ul>
 *
 * <p>The API documents these errors by HTTP status only; the codes and messages of the helpers
 * below are OpStub's choice, written like the service's other messages (see each helper).
 *
 * <pre>{@code
 * Reply reply = MediaErrors.operationNotFound(MediaFormat.VERBOSE, "nb:opid:UUID:ab66...");
 * // 404 {"error":{"code":"OperationNotFound","message":{"lang":"en-US","value":"..."}}}
 * }</pre>
 */
public final class MediaErrors {
  public static final String LANG = "en-US";
  public static final String METADATA_NAMESPACE = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";

  private static final ObjectMapper JSON = new ObjectMapper();

  private MediaErrors() {}

  /** An error reply with the common headers and the body in {@code format}. */
  public static Reply error(MediaFormat format, int status, String code, String message) {
    return Reply.text(status, MediaHeaders.common(format.errorContentType()), body(format, code, message));
  }

  /** The error body alone, in {@code format}. */
  public static String body(MediaFormat format, String code, String message) {
    return switch (format) {
      case JSON_LIGHT, NO_METADATA -> json("odata.error", code, message);
      case VERBOSE -> json("error", code, message);
      case ATOM -> xml(code, message);
    };
  }

  /**
   * 401: no {@code Authorization: Bearer <token>} header. The service's code for this case is not
   * documented; OpStub answers code {@code AuthenticationFailed}, and a {@code WWW-Authenticate:
   * Bearer} header.
   */
  public static Reply unauthorized(MediaFormat format) {
    Reply reply = error(format, 401, "AuthenticationFailed",
        "Authentication failed. The request must carry an Authorization header of the form "
            + "'Bearer <access token>'.");
    return withHeader(reply, "WWW-Authenticate", "Bearer");
  }

  /** 400: no {@code x-ms-version} header. Code {@code BadRequest} (OpStub's choice). */
  public static Reply missingVersion(MediaFormat format) {
    return error(format, 400, MediaErrorCode.BadRequest.code(),
        "The x-ms-version header is missing. Specify the API version of the request, for example "
            + "x-ms-version: 2.19.");
  }

  /**
   * 400 {@code InvalidIdentifierFormat}: {@code id} is not {@code prefix} followed by a GUID.
   *
   * @param what what the id names, e.g. {@code "operation"} or {@code "Channel"}
   */
  public static Reply invalidIdentifier(MediaFormat format, String what, String id, String prefix) {
    return error(format, 400, MediaErrorCode.InvalidIdentifierFormat.code(),
        "The " + what + " identifier '" + Ids.shorten(id) + "' has an invalid format. Expected '"
            + prefix + "' followed by a GUID, e.g. " + prefix + "ab66eff9-8945-4323-9f91-d257a695899b.");
  }

  /** The status of {@link #operationNotFound}. */
  public static final int OPERATION_NOT_FOUND = 404;

  /** 404 {@code OperationNotFound}: no live operation has this id. */
  public static Reply operationNotFound(MediaFormat format, String operationId) {
    return error(format, OPERATION_NOT_FOUND, MediaErrorCode.OperationNotFound.code(),
        "Operation '" + operationId + "' was not found. The operation record may have been removed after "
            + "the operation completed, or the id is incorrect.");
  }

  /** 404 {@code ResourceNotFound}: a path this API does not serve. */
  public static Reply resourceNotFound(MediaFormat format, String message) {
    return error(format, 404, MediaErrorCode.ResourceNotFound.code(), message);
  }

  /** 400 {@code BadRequest} with the given message (a bad body field, for example). */
  public static Reply badRequest(MediaFormat format, String message) {
    return error(format, 400, MediaErrorCode.BadRequest.code(), message);
  }

  /**
   * 405 {@code MethodNotAllowed} (OpStub's code) with an {@code Allow} header when {@code allow}
   * is not empty.
   */
  public static Reply methodNotAllowed(MediaFormat format, String message, String allow) {
    Reply reply = error(format, 405, "MethodNotAllowed", message);
    if (allow == null || allow.isEmpty()) {
      return reply;
    }
    return withHeader(reply, "Allow", allow);
  }

  /** 503 {@code ServerBusy}: the service's throttling answer. */
  /**
   * The error a transient {@code http(status)} step serves, in the requested format: throttling
   * (429 and 503) is the documented 503-style "Server is busy" with code {@code ServerBusy}; other
   * statuses get the code the v2 docs list for them.
   */
  public static Reply forStatus(MediaFormat format, int status) {
    return switch (status) {
      case 400 -> badRequest(format, "The request is invalid.");
      case 401 -> unauthorized(format);
      case 403 -> error(format, 403, "Forbidden", "The account is disabled or has exceeded a quota.");
      case 404 -> resourceNotFound(format, "The specified resource was not found.");
      case 409 -> error(format, 409, "Conflict", "The request conflicts with the current state of the entity.");
      case 429, 503 -> error(format, status, "ServerBusy", "Server is busy. Please retry the request later.");
      case 500 -> error(format, 500, "InternalError", "The server encountered an internal error. Please retry the request.");
      default -> error(format, status, Integer.toString(status), "The request failed with HTTP status " + status + ".");
    };
  }

  private static Reply withHeader(Reply reply, String name, String value) {
    Map<String, String> headers = new LinkedHashMap<>(reply.headers());
    headers.put(name, value);
    return Reply.text(reply.status(), headers, reply.body());
  }

  private static String json(String root, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject(root);
    error.put("code", code);
    error.putObject("message").put("lang", LANG).put("value", message);
    return body.toString();
  }

  private static String xml(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        + "<m:error xmlns:m=\"" + METADATA_NAMESPACE + "\">"
        + "<m:code>" + escapeXml(code) + "</m:code>"
        + "<m:message xml:lang=\"" + LANG + "\">" + escapeXml(message) + "</m:message>"
        + "</m:error>";
  }

  /**
   * Escapes text for an XML error body ({@link Xml#escape}); {@code '} as {@code &apos;}, as these
   * bodies always wrote it.
   */
  static String escapeXml(String text) {
    return Xml.escape(text).replace("'", "&apos;");
  }
}
