package dev.opstub.junit;

import dev.opstub.internal.api.Apis;
import dev.opstub.spi.Dialect;

/** The pack's APIs as the JUnit extension finds them: by the name a test writes. */
final class Registry {
  private Registry() {}

  /**
   * The API named {@code name}.
   *
   * @throws IllegalArgumentException naming the APIs there are
   */
  static Dialect api(String name) {
    return Apis.builtIn().byName(name).orElseThrow(() -> new IllegalArgumentException(
        "no API is named \"" + name + "\"; allowed: " + Apis.builtIn().names()));
  }

  /**
   * The id normalised as the server keys it.
   *
   * @throws IllegalArgumentException naming the allowed form
   */
  static String normalise(Dialect api, String id) {
    return api.operationId(id == null ? null : id.trim()).orElseThrow(() -> new IllegalArgumentException(api.idProblem(id)));
  }
}
