package dev.opstub.internal.google;

import dev.opstub.spi.Phase;
import dev.opstub.spi.StatusVocabulary;
import java.util.List;

/**
 * The words a Google operation's timeline is written in: {@code Running} ({@code done: false}),
 * {@code Done} (a {@code response}), {@code Failed} (an {@code error}) and {@code Cancelled} (the
 * {@code error} of a cancel, code 1), matched case-insensitively.
 *
 * <p>{@code Failed} takes the {@code google.rpc.Code} and a message: {@code Failed(3: bad audio)},
 * {@code Failed(INVALID_ARGUMENT: bad audio)} or just {@code Failed(3)}; without one it is code 2
 * (UNKNOWN). {@code Running} takes the progress it shows in percent: {@code Running(40)}.
 *
 * <pre>{@code
 * Timeline t = TimelineParser.parse("Running x2, Failed(3: bad audio)", GoogleStatuses.INSTANCE);
 * }</pre>
 */
enum GoogleStatuses implements StatusVocabulary {
  INSTANCE;

  static final String RUNNING = "Running";
  static final String DONE = "Done";
  static final String FAILED = "Failed";
  static final String CANCELLED = "Cancelled";

  private static final List<String> NAMES = List.of(RUNNING, DONE, FAILED, CANCELLED);
  private static final List<Phase> PHASES = List.of(Phase.RUNNING, Phase.SUCCEEDED, Phase.FAILED, Phase.CANCELED);

  /** What a failed step answers: its code and message. */
  record Failure(GoogleCode code, String message) {}

  @Override
  public String apiName() {
    return "Google operations API";
  }

  @Override
  public String example() {
    return "Running x2, Done";
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
    return switch (phase) {
      case FAILED -> failure(detail) == null
          ? "a failed step's detail is a google.rpc code from 1 to 16 (number or name) and a message, e.g. "
              + "Failed(3: bad audio) or Failed(INVALID_ARGUMENT: bad audio); was \"" + detail + "\"" : null;
      case RUNNING -> progress(detail) == null
          ? "a running step's detail is the progress it shows, a whole percent from 0 to 100, e.g. Running(40); was \""
              + detail + "\"" : null;
      case NOT_STARTED, SUCCEEDED, CANCELED -> "only Failed (a code and a message) and Running (a percent) take a "
          + "detail in parentheses, e.g. Failed(3: bad audio), Running(40)";
    };
  }

  /** The code and message of a failed step's detail ({@code null}: code 2 UNKNOWN); {@code null} when it does not read. */
  static Failure failure(String detail) {
    if (detail == null) {
      return new Failure(GoogleCode.UNKNOWN, "Operation failed.");
    }
    int colon = detail.indexOf(':');
    String written = colon < 0 ? detail : detail.substring(0, colon);
    GoogleCode code = GoogleCode.read(written).filter(c -> c != GoogleCode.OK).orElse(null);
    if (code == null) {
      return null;
    }
    String message = colon < 0 ? "" : detail.substring(colon + 1).trim();
    return new Failure(code, message.isEmpty() ? code.name() : message);
  }

  /** The percent a running step's detail names, or {@code null} when it is no whole number from 0 to 100. */
  static Integer progress(String detail) {
    String text = detail.trim();
    if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    int percent = Integer.parseInt(text);
    return percent <= 100 ? percent : null;
  }
}
