package dev.opstub.internal.state;

/**
 * The shared state store cannot be reached. The pack answers a 503 in the API's own format with
 * code {@code OpStubStoreUnavailable}: a failure of the mock, not of the service it stands for.
 * The message names the store without its password.
 */
public final class StoreUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
