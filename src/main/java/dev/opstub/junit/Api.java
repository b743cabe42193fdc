package dev.opstub.junit;

import dev.opstub.face.FaceOperations;
import dev.opstub.face.FaceStatuses;
import dev.opstub.media.MediaOperations;
import dev.opstub.media.MediaStatuses;
import dev.opstub.timeline.StatusVocabulary;

/** The APIs whose operations {@link OperationStub} scripts. */
public enum Api {
  /** Face API v1.0-preview snapshot operations: ids are uuids, statuses {@code notStarted, running, succeeded, failed}. */
  FACE(FaceOperations.API, FaceStatuses.INSTANCE),
  /** Media Services v2 operations: ids are {@code nb:opid:UUID:<guid>}, states {@code InProgress, Succeeded, Failed}. */
  MEDIA(MediaOperations.API, MediaStatuses.INSTANCE);

  private final String storeName;
  private final StatusVocabulary statuses;

  Api(String storeName, StatusVocabulary statuses) {
    this.storeName = storeName;
    this.statuses = statuses;
  }

  /** The namespace of this API's operations in the store and the poll journal. */
  String storeName() {
    return storeName;
  }

  StatusVocabulary statuses() {
    return statuses;
  }
}
