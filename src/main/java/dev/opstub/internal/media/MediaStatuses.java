package dev.opstub.internal.media;

import dev.opstub.internal.timeline.TimelineSchema;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Phase;
import dev.opstub.spi.StatusVocabulary;
import dev.opstub.spi.Timeline;
import java.util.List;

/**
 * The Media Services Operation states, {@code InProgress, Succeeded, Failed}, matched
 * case-insensitively when a timeline is read and always served in this spelling.
 *
 * <p>Only {@code Failed} takes a detail: one of the 14 {@link MediaErrorCode}s, optionally
 * followed by a message ({@code Failed(Timeout: took too long)}).
 *
 * <pre>{@code
 * Timeline t = TimelineParser.parse("InProgress x2, Failed(InsufficientCapacity)", MediaStatuses.INSTANCE);
 * }</pre>
 */
public enum MediaStatuses implements StatusVocabulary {
  INSTANCE;

  public static final String IN_PROGRESS = "InProgress";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";

  private static final List<String> NAMES = List.of(IN_PROGRESS, SUCCEEDED, FAILED);
  private static final List<Phase> PHASES = List.of(Phase.RUNNING, Phase.SUCCEEDED, Phase.FAILED);

  @Override
  public String apiName() {
    return "Media Services API";
  }

  @Override
  public String example() {
    return "InProgress x2, Succeeded";
  }

  @Override
  public List<String> statusNames() {
    return NAMES;
  }

  @Override
  public List<Phase> phases() {
    return PHASES;
  }

  @Override
  public String checkDetail(Phase phase, String detail) {
    if (phase != Phase.FAILED) {
      return "only 'Failed' takes a detail in parentheses, e.g. Failed(InsufficientCapacity) or "
          + "Failed(Timeout: The operation did not finish in time)";
    }
    return MediaFailure.problem(detail);
  }

  /**
   * The {@code timeline} parameter of Media stubs: its schema names the 14 error codes a failed
   * step object's {@code code} takes.
   */
  static Parameter<Timeline> timelineParameter() {
    List<String> codes = java.util.Arrays.stream(MediaErrorCode.values()).map(Enum::name).toList();
    return Parameter.timeline(INSTANCE).withSchema(TimelineSchema.of(INSTANCE, codes, "one of the "
        + codes.size() + " Media Services error codes: " + String.join(", ", codes)));
  }

  /**
   * The {@code State} value a phase is served as; {@code NOT_STARTED}, which Media Services does
   * not have, is served as {@code InProgress}.
   */
  public static String stateOf(Phase phase) {
    return switch (phase) {
      case NOT_STARTED, RUNNING -> IN_PROGRESS;
      case SUCCEEDED -> SUCCEEDED;
      case FAILED -> FAILED;
      // MediaStatuses has no spelling for it, so no Media timeline reaches it.
      case CANCELED -> throw new IllegalArgumentException("Media Services has no canceled state");
    };
  }
}
