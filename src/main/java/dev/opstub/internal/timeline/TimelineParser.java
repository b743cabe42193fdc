package dev.opstub.internal.timeline;

import dev.opstub.spi.Fault;
import dev.opstub.spi.Phase;
import dev.opstub.spi.StatusVocabulary;
import dev.opstub.spi.Step;
import dev.opstub.spi.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads timelines in the compact notation and in the JSON form used by mapping files.
 *
 * <p>Notation: steps separated by commas; a step is a status, an optional detail in parentheses
 * and an optional length, either a count of polls ({@code x3}) or a span of time ({@code 1500ms},
 * {@code 2s}, {@code 1m}):
 *
 * <pre>{@code
 * TimelineParser.parse("notStarted, running x2, succeeded", FaceStatuses.INSTANCE);
 * TimelineParser.parse("InProgress x3, Failed(InsufficientCapacity)", MediaStatuses.INSTANCE);
 * }</pre>
 *
 * <p>JSON form: an array whose items are notation strings or objects such as {@code
 * {"status": "running", "polls": 2}}, {@code {"status": "running", "duration": "1500ms"}} or
 * {@code {"status": "Failed", "code": "Timeout", "message": "took too long"}}.
 */
public final class TimelineParser {
  /**
   * The longest {@code delay(...)}: an answer held back longer than this is never a useful test
   * of a client's timeout, and WireMock keeps the delayed answer in memory until it is sent.
   */
  public static final Duration MAX_DELAY = Duration.ofMinutes(10);
  /**
   * The most steps a timeline may have. Every step is kept, sent to a shared store once and read
   * there one at a time; a test script needs far fewer ({@code running x1000} is one step).
   */
  public static final int MAX_STEPS = 1_000;
  /** The longest notation a timeline may have, in characters (also that of a JSON form's steps). */
  public static final int MAX_NOTATION = 65_536;
  private static final Set<String> JSON_KEYS = Set.of("status", "polls", "duration", "message", "code", "delay");
  private static final int MAX_DIGITS = 12;
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m)");

  private static final Set<String> FAULT_WORDS = Set.of("http", "fault", "delay");

  private final String text;
  private final StatusVocabulary vocabulary;
  private int pos;
  private Duration delay;

  private TimelineParser(String text, StatusVocabulary vocabulary) {
    this.text = text;
    this.vocabulary = vocabulary;
  }

  /**
   * Parses the compact notation.
   *
   * @throws TimelineException naming the column and what was expected there
   */
  public static Timeline parse(String notation, StatusVocabulary vocabulary) {
    String text = notation == null ? "" : notation;
    if (text.length() > MAX_NOTATION) {
      throw new TimelineException("\"" + shown(text) + "\"", "its end", tooLong(text.length()));
    }
    return new TimelineParser(text, vocabulary).timeline();
  }

  /**
   * Parses either form, as found in a mapping's {@code transformerParameters}: a notation string
   * or a JSON array (already read into lists and maps).
   *
   * @throws TimelineException naming the column (notation) or the step (JSON form)
   */
  public static Timeline parseAny(Object timeline, StatusVocabulary vocabulary) {
    if (timeline instanceof String notation) {
      return parse(notation, vocabulary);
    }
    if (timeline instanceof List<?> items) {
      return parseJson(items, vocabulary);
    }
    throw new TimelineException(String.valueOf(timeline), "its start",
        "expected a string in the compact notation or an array of steps");
  }

  /** Parses the JSON form: an array of notation strings and step objects. */
  public static Timeline parseJson(List<?> items, StatusVocabulary vocabulary) {
    String shown = String.valueOf(items);
    if (items.isEmpty()) {
      throw new TimelineException(shown, "its start", emptyProblem(vocabulary));
    }
    if (items.size() > MAX_STEPS) {
      throw new TimelineException(shown(shown), "step " + (MAX_STEPS + 1), tooManySteps());
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String where = "step " + (i + 1);
      Object item = items.get(i);
      Step step;
      if (item instanceof String notation) {
        Timeline one;
        try {
          one = parse(notation, vocabulary);
        } catch (TimelineException e) {
          throw new TimelineException(shown, where + ", " + e.position(), e.problem());
        }
        if (one.steps().size() != 1) {
          throw new TimelineException(shown, where, "a string item holds exactly one step; "
              + "split \"" + notation + "\" into several items");
        }
        step = one.step(0);
        if (step.isFault()) {
          // Parsed alone, the fault could not see the status before it.
          Step before = steps.isEmpty() ? null : steps.get(steps.size() - 1);
          step = faultStep(step.fault(), before, step.polls(), step.duration()).withDelay(step.delay());
        }
      } else if (item instanceof Map<?, ?> object) {
        step = jsonStep(object, shown, where, vocabulary);
      } else {
        throw new TimelineException(shown, where,
            "expected a step object {\"status\": ..., \"polls\"|\"duration\": ...} or a notation string");
      }
      if (!steps.isEmpty() && steps.get(steps.size() - 1).phase().isTerminal()) {
        throw new TimelineException(shown, where, afterTerminal(steps.get(steps.size() - 1)));
      }
      steps.add(step);
    }
    Timeline timeline = new Timeline(steps);
    int length = timeline.notation().length();
    if (length > MAX_NOTATION) {
      throw new TimelineException(shown(shown), "its end", tooLong(length));
    }
    return timeline;
  }

  private static Step jsonStep(Map<?, ?> object, String shown, String where, StatusVocabulary vocabulary) {
    for (Object key : object.keySet()) {
      if (!JSON_KEYS.contains(String.valueOf(key))) {
        throw new TimelineException(shown, where,
            "unknown key \"" + key + "\"; allowed keys: status, polls, duration, message, code, delay");
      }
    }
    if (!(object.get("status") instanceof String status)) {
      throw new TimelineException(shown, where, "\"status\" is missing or not a string; expected one of "
          + String.join(", ", vocabulary.statusNames()));
    }
    Phase phase = vocabulary.phaseOf(status).orElseThrow(
        () -> new TimelineException(shown, where, unknownStatus(status, vocabulary)));
    String canonical = canonical(phase, status, vocabulary);
    Object code = object.get("code");
    Object message = object.get("message");
    String detail = code == null ? (message == null ? null : String.valueOf(message))
        : message == null ? String.valueOf(code) : code + ": " + message;
    if (detail != null) {
      String bad = vocabulary.checkDetail(phase, detail);
      if (bad != null) {
        throw new TimelineException(shown, where, bad);
      }
    }
    Object polls = object.get("polls");
    Object duration = object.get("duration");
    if (polls != null && duration != null) {
      throw new TimelineException(shown, where, "give \"polls\" or \"duration\", not both");
    }
    if (duration != null) {
      Duration span = parseDuration(String.valueOf(duration));
      if (span == null) {
        throw new TimelineException(shown, where, "\"duration\" must be a positive whole number with a unit "
            + "(ms, s or m), e.g. \"1500ms\"; was \"" + duration + "\"");
      }
      return Step.timed(phase, canonical, span, detail).withDelay(jsonDelay(object, shown, where));
    }
    long count = 1;
    if (polls != null) {
      if (!(polls instanceof Number n) || n.longValue() != n.doubleValue() || n.longValue() < 1) {
        throw new TimelineException(shown, where, "\"polls\" must be a whole number of at least 1; was " + polls);
      }
      count = n.longValue();
    }
    return Step.polls(phase, canonical, count, detail).withDelay(jsonDelay(object, shown, where));
  }

  private static Duration jsonDelay(Map<?, ?> object, String shown, String where) {
    Object delay = object.get("delay");
    if (delay == null) {
      return null;
    }
    Duration span = parseDuration(String.valueOf(delay));
    if (span == null) {
      throw new TimelineException(shown, where, "\"delay\" must be a positive whole number with a unit "
          + "(ms, s or m), e.g. \"800ms\"; was \"" + delay + "\"");
    }
    if (span.compareTo(MAX_DELAY) > 0) {
      throw new TimelineException(shown, where, delayTooLong("\"delay\"", String.valueOf(delay)));
    }
    return span;
  }

  private Timeline timeline() {
    List<Step> steps = new ArrayList<>();
    skipSpace();
    if (atEnd()) {
      throw new TimelineException("\"" + text + "\"", "its start", emptyProblem(vocabulary));
    }
    Duration pendingDelay = null;
    int delayAt = 0;
    while (true) {
      skipSpace();
      int stepStart = pos;
      Step previous = steps.isEmpty() ? null : steps.get(steps.size() - 1);
      if (previous != null && previous.phase().isTerminal()) {
        // Read the step first, so that its own mistakes are reported where they are.
        step(null);
        throw errorAt(stepStart, afterTerminal(previous));
      }
      Step step = step(previous);
      if (step == null) {
        pendingDelay = this.delay;
        delayAt = stepStart;
      } else {
        if (steps.size() == MAX_STEPS) {
          throw new TimelineException("\"" + shown(text) + "\"", "column " + (stepStart + 1), tooManySteps());
        }
        steps.add(pendingDelay == null ? step : step.withDelay(pendingDelay));
        pendingDelay = null;
      }
      skipSpace();
      if (atEnd()) {
        if (pendingDelay != null) {
          throw errorAt(delayAt, "delay(...) holds back the step after it; add that step, e.g. delay(800ms), succeeded");
        }
        return new Timeline(steps);
      }
      if (text.charAt(pos) != ',') {
        throw error("expected ',' before the next step, or the end of the timeline; found '"
            + text.charAt(pos) + "'");
      }
      pos++;
      skipSpace();
      if (atEnd()) {
        throw error("expected a step after ','; one of " + String.join(", ", vocabulary.statusNames())
            + ", or http(...), fault(...), delay(...)");
      }
    }
  }

  /** Reads one step; {@code null} for {@code delay(...)}, whose span is left in {@link #delay}. */
  private Step step(Step previous) {
    int start = pos;
    while (!atEnd() && Character.isLetter(text.charAt(pos))) {
      pos++;
    }
    String status = text.substring(start, pos);
    if (status.isEmpty()) {
      throw error("expected a status, one of " + String.join(", ", vocabulary.statusNames())
          + ", or http(...), fault(...), delay(...)");
    }
    skipSpace();
    String keyword = status.toLowerCase(java.util.Locale.ROOT);
    if (!atEnd() && text.charAt(pos) == '(' && FAULT_WORDS.contains(keyword)) {
      return faultStep(keyword, previous);
    }
    Phase phase = vocabulary.phaseOf(status)
        .orElseThrow(() -> errorAt(start, unknownStatus(status, vocabulary)));
    String detail = null;
    if (!atEnd() && text.charAt(pos) == '(') {
      int open = pos;
      detail = parenthesised();
      String bad = vocabulary.checkDetail(phase, detail);
      if (bad != null) {
        throw errorAt(open + 1, bad);
      }
      skipSpace();
    }
    String canonical = canonical(phase, status, vocabulary);
    Object length = length();
    return length instanceof Duration span ? Step.timed(phase, canonical, span, detail)
        : Step.polls(phase, canonical, (Long) length, detail);
  }

  /** {@code http(...)}, {@code fault(...)} or {@code delay(...)}, the word already read. */
  private Step faultStep(String keyword, Step previous) {
    int inside = pos + 1;
    String argument = parenthesised();
    skipSpace();
    Fault fault;
    switch (keyword) {
      case "delay" -> {
        Duration span = parseDuration(argument);
        if (span == null) {
          throw errorAt(inside, "delay takes a positive span with a unit, e.g. delay(800ms); was \"" + argument + "\"");
        }
        if (span.compareTo(MAX_DELAY) > 0) {
          throw errorAt(inside, delayTooLong("delay(...)", argument));
        }
        if (!atEnd() && text.charAt(pos) != ',') {
          throw error("delay(...) takes no count or span of its own; write it before the step it holds back, "
              + "e.g. delay(800ms), running");
        }
        this.delay = span;
        return null;
      }
      case "fault" -> {
        fault = null;
        for (Fault.Kind kind : Fault.Kind.values()) {
          if (kind != Fault.Kind.HTTP && kind.notation().equalsIgnoreCase(argument)) {
            fault = new Fault(kind, 0, null);
          }
        }
        if (fault == null) {
          throw errorAt(inside, "unknown fault '" + argument + "'; expected connection-reset or empty-response");
        }
      }
      default -> fault = httpFault(argument, inside);
    }
    Object length = length();
    return length instanceof Duration span ? faultStep(fault, previous, 1, span)
        : faultStep(fault, previous, (Long) length, null);
  }

  /** {@code 429} or {@code 503, Retry-After=2} (seconds, or a span such as 1500ms). */
  private Fault httpFault(String argument, int at) {
    String[] parts = argument.split(",");
    int status;
    try {
      status = Integer.parseInt(parts[0].trim());
    } catch (NumberFormatException e) {
      status = -1;
    }
    if (status < 400 || status > 599) {
      throw errorAt(at, "http(...) takes an HTTP error status from 400 to 599, e.g. http(429); was \""
          + parts[0].trim() + "\"");
    }
    Duration retryAfter = null;
    for (int i = 1; i < parts.length; i++) {
      String[] option = parts[i].split("=", 2);
      String value = option.length == 2 ? option[1].trim() : "";
      if (!option[0].trim().equalsIgnoreCase("Retry-After") || value.isEmpty()) {
        throw errorAt(at, "http(...) takes one option, Retry-After=<seconds> (or a span such as 1500ms); was \""
            + parts[i].trim() + "\"");
      }
      retryAfter = value.chars().allMatch(Character::isDigit) && value.length() <= MAX_DIGITS
          ? Duration.ofSeconds(Long.parseLong(value)) : parseDuration(value);
      if (retryAfter == null) {
        throw errorAt(at, "Retry-After must be whole seconds or a span such as 1500ms; was \"" + value + "\"");
      }
    }
    return new Fault(Fault.Kind.HTTP, status, retryAfter);
  }

  /** The optional length after a step: {@code x3} (a {@code Long}), {@code 1500ms} (a {@code Duration}), or 1 poll. */
  private Object length() {
    if (atEnd() || text.charAt(pos) == ',') {
      return 1L;
    }
    char c = text.charAt(pos);
    if (c == 'x' || c == 'X') {
      pos++;
      return count();
    }
    if (Character.isDigit(c) || c == '-') {
      return span();
    }
    throw error("expected a count such as x2, a duration such as 1500ms, ',' or the end; found '" + c + "'");
  }

  private String parenthesised() {
    int open = pos;
    int depth = 0;
    do {
      char c = text.charAt(pos);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      pos++;
    } while (depth > 0 && !atEnd());
    if (depth > 0) {
      throw errorAt(open, "'(' is never closed; expected ')'");
    }
    String detail = text.substring(open + 1, pos - 1).trim();
    if (detail.isEmpty()) {
      throw errorAt(open, "empty parentheses; write the detail inside them or leave them out");
    }
    return detail;
  }

  private long count() {
    int start = pos;
    if (!atEnd() && text.charAt(pos) == '-') {
      throw errorAt(start, "a count must be at least 1 (x1, x2, ...); negative counts are not allowed");
    }
    String digits = digits();
    if (digits.isEmpty()) {
      throw errorAt(start, "expected the number of polls after 'x', e.g. x2");
    }
    if (digits.length() > MAX_DIGITS) {
      throw errorAt(start, "a count must be at most " + "9".repeat(MAX_DIGITS));
    }
    long n = Long.parseLong(digits);
    if (n < 1) {
      throw errorAt(start, "a count must be at least 1 (x1, x2, ...); x0 would be a step that never happens");
    }
    return n;
  }

  private Duration span() {
    int start = pos;
    if (text.charAt(pos) == '-') {
      throw errorAt(start, "a duration must be positive; negative durations are not allowed");
    }
    String digits = digits();
    int unitStart = pos;
    while (!atEnd() && Character.isLetter(text.charAt(pos))) {
      pos++;
    }
    String unit = text.substring(unitStart, pos);
    if (digits.length() > MAX_DIGITS) {
      throw errorAt(start, "a duration must have at most " + MAX_DIGITS + " digits");
    }
    Duration span = parseDuration(digits + unit);
    if (span == null) {
      if (unit.isEmpty() || !List.of("ms", "s", "m").contains(unit)) {
        throw errorAt(unitStart, "expected a time unit after " + digits + ": ms, s or m (or write x"
            + digits + " for a count of polls)");
      }
      throw errorAt(start, "a duration must be positive; 0" + unit + " would be a step that never happens");
    }
    return span;
  }

  /** Parses {@code 1500ms}, {@code 2s}, {@code 1m}; {@code null} unless positive and well formed. */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    if (n == 0) {
      return null;
    }
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  private String digits() {
    int start = pos;
    while (!atEnd() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private static String canonical(Phase phase, String written, StatusVocabulary vocabulary) {
    for (String name : vocabulary.statusNames()) {
      if (name.equalsIgnoreCase(written)) {
        return name;
      }
    }
    return written;
  }

  private static String unknownStatus(String status, StatusVocabulary vocabulary) {
    String hint = vocabulary.unknownStatusHint(status);
    return "unknown status '" + status + "' for the " + vocabulary.apiName() + (hint == null ? "" : " (" + hint + ")")
        + "; expected one of " + String.join(", ", vocabulary.statusNames());
  }

  private static String emptyProblem(StatusVocabulary vocabulary) {
    return "the timeline is empty; expected at least one step, e.g. \"" + vocabulary.example() + "\"";
  }

  private static String delayTooLong(String what, String written) {
    return what + " may hold an answer back at most " + MAX_DELAY.toMinutes() + "m (" + MAX_DELAY.toMillis()
        + "ms); was " + written.trim() + ". For a client that must give up, use a step that never ends (running) "
        + "or fault(empty-response)";
  }

  private static String tooManySteps() {
    return "a timeline may have at most " + MAX_STEPS + " steps; repeat a status with a count instead "
        + "(running x" + MAX_STEPS + " is one step)";
  }

  private static String tooLong(int length) {
    return "a timeline's notation may be at most " + MAX_NOTATION + " characters long; was " + length;
  }

  /** A long timeline shown in an error by its start only. */
  private static String shown(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static String afterTerminal(Step terminal) {
    return "a step after the terminal step '" + terminal.status()
        + "'; a terminal status ends the operation, so it must be the last step";
  }

  private void skipSpace() {
    while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private TimelineException error(String problem) {
    return errorAt(pos, problem);
  }

  private TimelineException errorAt(int index, String problem) {
    return new TimelineException("\"" + text + "\"", "column " + (index + 1), problem);
  }

  /** This step's length on a fault standing in the timeline after a status step. */
  private static Step faultStep(Fault fault, Step before, long polls, Duration duration) {
    Phase phase = before == null ? Phase.RUNNING : before.phase();
    String status = before == null ? "" : before.status();
    return new Step(phase, status, duration == null ? polls : 1, duration, null, fault, null);
  }
}
