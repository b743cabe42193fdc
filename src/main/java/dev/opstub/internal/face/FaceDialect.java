package dev.opstub.internal.face;

import dev.opstub.spi.Phase;

/**
 * The two spellings of the Face operation status: the v1.0-preview one of the seed page
 * (camelCase, with {@code finishedTime}) and the stable v1.0 one (lower-case, no
 * {@code finishedTime}).
 */
public enum FaceDialect {
  PREVIEW("/face/v1.0-preview", true),
  STABLE("/face/v1.0", false);

  /** Path prefix of this dialect's API, e.g. {@code /face/v1.0-preview}. */
  private final String basePath;
  private final boolean finishedTime;

  FaceDialect(String basePath, boolean finishedTime) {
    this.basePath = basePath;
    this.finishedTime = finishedTime;
  }

  public boolean showsFinishedTime() {
    return finishedTime;
  }

  /** The status as this dialect spells it. */
  public String statusName(Phase phase) {
    String name = switch (phase) {
      case NOT_STARTED -> "notStarted";
      case RUNNING -> "running";
      case SUCCEEDED -> "succeeded";
      case FAILED -> "failed";
      // FaceStatuses has no spelling for it, so no Face timeline reaches it.
      case CANCELED -> throw new IllegalArgumentException("the Face API has no canceled status");
    };
    return this == PREVIEW ? name : name.toLowerCase(java.util.Locale.ROOT);
  }

  /** The dialect whose base path starts {@code path}, or {@code null}. */
  public static FaceDialect ofPath(String path) {
    // The preview prefix is checked first: "/face/v1.0" is a prefix of it.
    if (path.startsWith(PREVIEW.basePath + "/")) {
      return PREVIEW;
    }
    return path.startsWith(STABLE.basePath + "/") ? STABLE : null;
  }
}
