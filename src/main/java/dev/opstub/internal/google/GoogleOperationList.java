package dev.opstub.internal.google;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opstub.spi.Handler;
import dev.opstub.spi.OperationView;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Reply;
import dev.opstub.spi.Request;
import dev.opstub.spi.Role;
import dev.opstub.spi.StubParameters;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ListOperations: {@code GET /v1/operations} (every live operation) or {@code GET
 * /v1/projects/{p}/locations/{l}/operations} (those named under it), ordered by name, each as a
 * look sees it (no poll counted). Query: {@code filter} ({@code done=true}, {@code done=false} or
 * empty), {@code pageSize} (absent, empty or 0: {@value #DEFAULT_PAGE_SIZE}; at most {@value
 * #MAX_PAGE_SIZE}, more is cut to it), {@code pageToken} (a {@code nextPageToken} from before).
 * Answers {@code {"operations":[...],"nextPageToken":"..."}}, each field left out when empty, as
 * proto3 JSON does; a bad value is 400 INVALID_ARGUMENT.
 */
final class GoogleOperationList implements Handler {
  static final String NAME = "opstub-google-operations";
  static final GoogleOperationList INSTANCE = new GoogleOperationList();
  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 1000;
  private static final Pattern NESTED = Pattern.compile("/v1/(projects/[^/]+/locations/[^/]+/operations)");
  private static final Pattern FILTER = Pattern.compile("\\s*done\\s*[=:]\\s*(true|false)\\s*");
  private static final String TOKEN_FORM = "g1:";

  private GoogleOperationList() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Role role() {
    return Role.LOOK;
  }

  @Override
  public List<Parameter<?>> parameters() {
    return List.of();
  }

  @Override
  public Reply handle(Request request, StubParameters parameters, Operations operations) {
    String prefix;
    if (request.path().equals(GoogleApi.OPERATIONS)) {
      prefix = "";
    } else {
      Matcher nested = NESTED.matcher(request.path());
      if (!nested.matches()) {
        return GoogleOperation.noMethod(request);
      }
      prefix = nested.group(1) + "/";
    }
    if (!"GET".equals(request.method())) {
      return GoogleOperation.noMethod(request);
    }
    Map<String, String> query = query(request.query());
    String pageSizeText = query.getOrDefault("pageSize", query.getOrDefault("page_size", ""));
    int pageSize;
    try {
      pageSize = pageSizeText.isBlank() ? 0 : Integer.parseInt(pageSizeText.trim());
    } catch (NumberFormatException e) {
      return GoogleErrors.invalid("Invalid value at 'page_size' (TYPE_INT32), \"" + pageSizeText + "\"");
    }
    if (pageSize < 0) {
      return GoogleErrors.invalid("page_size must not be negative; was " + pageSize);
    }
    pageSize = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
    String token = query.getOrDefault("pageToken", query.getOrDefault("page_token", ""));
    String after = token.isEmpty() ? null : after(token);
    if (!token.isEmpty() && after == null) {
      return GoogleErrors.invalid("Invalid page token: \"" + token + "\"; give the nextPageToken of the previous page.");
    }
    String filter = query.getOrDefault("filter", "");
    Boolean done = null;
    if (!filter.isBlank()) {
      Matcher byDone = FILTER.matcher(filter);
      if (!byDone.matches()) {
        return GoogleErrors.invalid("Unsupported filter \"" + filter + "\"; allowed: done=true, done=false, or none.");
      }
      done = Boolean.valueOf(byDone.group(1));
    }
    List<OperationView> page = new ArrayList<>();
    String cursor = after;
    boolean more = false;
    while (!more) {
      List<OperationView> read = operations.operations(GoogleApi.NAME, cursor, pageSize + 1);
      if (read.isEmpty()) {
        break;
      }
      for (OperationView view : read) {
        cursor = view.id();
        if (!view.id().startsWith(prefix) || (done != null && view.now().isTerminal() != done)) {
          continue;
        }
        if (page.size() == pageSize) {
          more = true;
          break;
        }
        page.add(view);
      }
    }
    ObjectNode answer = GoogleKept.JSON.createObjectNode();
    if (!page.isEmpty()) {
      ArrayNode listed = answer.putArray("operations");
      for (OperationView view : page) {
        listed.add(GoogleBodies.operation(view.id(), view.now(), GoogleKept.decode(view.target())));
      }
    }
    if (more) {
      answer.put("nextPageToken", token(page.get(page.size() - 1).id()));
    }
    return Reply.text(200, GoogleErrors.JSON, answer.toString());
  }

  static String token(String lastName) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_FORM + lastName).getBytes(StandardCharsets.UTF_8));
  }

  /** The name a page token continues after, or {@code null} when it is no token of ours. */
  static String after(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      return text.startsWith(TOKEN_FORM) && text.length() > TOKEN_FORM.length() ? text.substring(TOKEN_FORM.length())
          : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The first value of each query parameter, decoded; a bare name ({@code pageToken}) is empty. */
  static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      values.putIfAbsent(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
    }
    return values;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) { // a stray '%': read as written
      return text;
    }
  }
}
