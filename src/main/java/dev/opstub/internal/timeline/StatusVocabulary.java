package dev.opstub.internal.timeline;

import java.util.List;
import java.util.Optional;

/**
 * How one API spells its operation statuses, so that a timeline is checked against that API.
 *
 * <p>Implemented by the API packages (for example {@code dev.opstub.internal.face.FaceStatuses}); the
 * timeline package itself knows no API.
 */
public interface StatusVocabulary {

  /** The API's name as a user knows it, for error messages ("Face API"). */
  String apiName();

  /** A short valid timeline, shown when a timeline is empty ({@code running x2, succeeded}). */
  String example();

  /** The documented spellings, listed in error messages. */
  List<String> statusNames();

  /** What each of {@link #statusNames()} means, in the same order. */
  List<Phase> phases();

  /** The status spelled as the API documents it, matched case-insensitively. */
  default Optional<Phase> phaseOf(String statusName) {
    List<String> names = statusNames();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(statusName)) {
        return Optional.of(phases().get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * Checks the text in parentheses after a status ({@code failed(message)},
   * {@code Failed(Timeout: message)}).
   *
   * @return {@code null} when the detail is acceptable, otherwise what is wrong and what is allowed
   */
  default String checkDetail(Phase phase, String detail) {
    return phase == Phase.FAILED ? null : "only a failed step takes a detail in parentheses";
  }
}
