package dev.opstub.junit;

import dev.opstub.internal.api.Apis;
import dev.opstub.internal.api.OperationApi;
import dev.opstub.internal.face.FaceApi;
import dev.opstub.internal.media.MediaApi;

/**
 * The APIs whose operations {@link OperationStub} scripts.
 *
 * <pre>{@code
 * @OperationStub(api = Api.MEDIA, timeline = "InProgress, Failed(InsufficientCapacity)")
 * }</pre>
 */
public enum Api {
  /** Face API v1.0-preview snapshot operations: ids are uuids, statuses {@code notStarted, running, succeeded, failed}. */
  FACE(FaceApi.NAME),
  /** Media Services v2 operations: ids are {@code nb:opid:UUID:<guid>}, states {@code InProgress, Succeeded, Failed}. */
  MEDIA(MediaApi.NAME);

  private final String name;

  Api(String name) {
    this.name = name;
  }

  /** The API in the pack's registry. */
  OperationApi operations() {
    return Apis.builtIn().byName(name).orElseThrow();
  }

  /**
   * The id normalised as the server keys it.
   *
   * @throws IllegalArgumentException naming the allowed form
   */
  String normalise(String id) {
    return operations().operationId(id == null ? null : id.trim())
        .orElseThrow(() -> new IllegalArgumentException(operations().idProblem(id)));
  }
}
