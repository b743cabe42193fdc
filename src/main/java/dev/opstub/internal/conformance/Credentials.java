package dev.opstub.internal.conformance;

import dev.opstub.internal.state.PollRecord;
import dev.opstub.spi.Request;
import java.util.List;
import java.util.Map;

/** Whether a request carried a credential: one of its API's credential headers, not blank. */
public final class Credentials {
  private Credentials() {}

  /** Whether {@code headers} (names in any case) hold one of {@code names} with a value that is not blank. */
  public static boolean carried(Map<String, String> headers, List<String> names) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      for (String name : names) {
        if (header.getKey().equalsIgnoreCase(name) && header.getValue() != null && !header.getValue().isBlank()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code request} holds one of {@code names} with a value that is not blank: what an API
   * records of the call that starts an operation ({@code OperationSpec#withStartCredential}).
   */
  public static boolean carried(Request request, List<String> names) {
    return carried(request.headers(), names);
  }

  static boolean carried(PollRecord poll, List<String> names) {
    return carried(poll.headers(), names);
  }
}
