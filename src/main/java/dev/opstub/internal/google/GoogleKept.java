package dev.opstub.internal.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.opstub.spi.Parameter;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Step;
import dev.opstub.spi.Timeline;

/**
 * What a Google operation keeps (its {@code target}, the one place it is written and read): the
 * {@code metadata} and {@code response} it serves, each an {@code Any} with {@code @type}, and how
 * many polls its running steps last (its progress is counted against them). Stored as compact JSON,
 * {@code {"n":2}} when both are the speech defaults; operations whose text is equal (those of one
 * stub) share one string, and a poll decodes a text once per JVM.
 *
 * <pre>{@code
 * String target = GoogleKept.encode(null, response, timeline);
 * GoogleKept.decode(target).response().get("@type"); // as given
 * }</pre>
 *
 * @param metadata the metadata, its progress fields ({@link #PROGRESS_FIELDS}) filled in as served
 * @param response what {@code Done} answers
 * @param runningPolls the polls its running steps last (a timed step counts one), or -1 when not known
 */
record GoogleKept(ObjectNode metadata, ObjectNode response, int runningPolls) {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String METADATA_TYPE = "type.googleapis.com/google.cloud.speech.v1.LongRunningRecognizeMetadata";
  static final String RESPONSE_TYPE = "type.googleapis.com/google.cloud.speech.v1.LongRunningRecognizeResponse";
  /** Metadata fields a poll fills in with where the operation stands, when the metadata names them. */
  static final String PROGRESS = "progressPercent";
  static final String START_TIME = "startTime";
  static final String LAST_UPDATE_TIME = "lastUpdateTime";

  /** Speech's metadata, progress filled in as served. */
  static final ObjectNode DEFAULT_METADATA = object("{\"@type\":\"" + METADATA_TYPE
      + "\",\"progressPercent\":0,\"startTime\":null,\"lastUpdateTime\":null}");
  /** Speech's response: one transcript. */
  static final ObjectNode DEFAULT_RESPONSE = object("{\"@type\":\"" + RESPONSE_TYPE + "\",\"results\":[{\"alternatives\":"
      + "[{\"transcript\":\"how old is the Brooklyn Bridge\",\"confidence\":0.98}]}]}");

  static final Parameter<ObjectNode> METADATA_PARAMETER = new Parameter<>("metadata", value -> any("metadata", value));
  static final Parameter<ObjectNode> RESPONSE_PARAMETER = new Parameter<>("response", value -> any("response", value));

  private static final Cache<String, GoogleKept> READ = Caffeine.newBuilder()
      .maximumWeight(16L * 1024 * 1024).<String, GoogleKept>weigher((text, kept) -> 64 + 2 * text.length()).build();
  /** The text of recent operations, so that the operations of one stub hold one string. */
  private static final Cache<String, String> SHARED = Caffeine.newBuilder().maximumSize(1_024).build();

  /**
   * The target of an operation serving {@code metadata} and {@code response} ({@code null}: speech's)
   * on {@code timeline} ({@code null}: not known).
   */
  static String encode(ObjectNode metadata, ObjectNode response, Timeline timeline) {
    ObjectNode kept = JSON.createObjectNode();
    kept.put("n", timeline == null ? -1 : runningPolls(timeline));
    if (metadata != null && !metadata.equals(DEFAULT_METADATA)) {
      kept.set("m", metadata);
    }
    if (response != null && !response.equals(DEFAULT_RESPONSE)) {
      kept.set("r", response);
    }
    String text = kept.toString();
    return SHARED.get(text, same -> same);
  }

  /**
   * What a target holds; a target this class did not write (or none) serves speech's defaults
   * rather than failing the poll. Every way in ({@code addOperation}'s target too) writes it with
   * {@link #encode}.
   */
  static GoogleKept decode(String target) {
    if (target == null) {
      return new GoogleKept(DEFAULT_METADATA, DEFAULT_RESPONSE, -1);
    }
    return READ.get(target, GoogleKept::parse);
  }

  private static GoogleKept parse(String target) {
    try {
      JsonNode kept = JSON.readTree(target);
      if (!(kept instanceof ObjectNode)) {
        return new GoogleKept(DEFAULT_METADATA, DEFAULT_RESPONSE, -1);
      }
      return new GoogleKept(kept.get("m") instanceof ObjectNode m ? m : DEFAULT_METADATA,
          kept.get("r") instanceof ObjectNode r ? r : DEFAULT_RESPONSE, kept.path("n").asInt(-1));
    } catch (JsonProcessingException e) {
      return new GoogleKept(DEFAULT_METADATA, DEFAULT_RESPONSE, -1);
    }
  }

  /** The polls a timeline's running steps last before it ends: a timed step counts one. */
  static int runningPolls(Timeline timeline) {
    long polls = 0;
    for (Step step : timeline.steps()) {
      if (!step.phase().isTerminal()) {
        polls += step.isTimed() ? 1 : step.polls();
      }
    }
    return (int) Math.min(polls, 1_000_000);
  }

  /**
   * An {@code Any} a stub or the admin API gives: a JSON object (or its text) with {@code @type}
   * {@code <host>/<full.message.Name>}, as Google's clients resolve it.
   */
  static ObjectNode any(String name, Object value) {
    JsonNode node;
    if (value instanceof String text) {
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(name + " must be a JSON object with \"@type\"; was " + Parameter.describe(value)
            + ", which is not JSON");
      }
    } else {
      node = value instanceof JsonNode json ? json : JSON.valueToTree(value);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException(name + " must be a JSON object with \"@type\"; was " + Parameter.describe(value));
    }
    JsonNode type = object.get("@type");
    String url = type == null || !type.isTextual() ? "" : type.asText();
    int slash = url.lastIndexOf('/');
    if (slash < 1 || slash == url.length() - 1 || url.substring(slash + 1).contains(" ")) {
      throw new IllegalArgumentException(name + " must name its message type in \"@type\" as type.googleapis.com/"
          + "<full.message.Name> (a client resolves the part after the last '/'); was " + (type == null ? "none" : type));
    }
    return object;
  }

  /** The progress a poll on step {@code stepIndex} after {@code polls} polls shows, in percent. */
  int progress(Step step, long polls) {
    if (step.phase() == Phase.SUCCEEDED) {
      return 100;
    }
    if (step.phase() == Phase.RUNNING && step.detail() != null) {
      Integer given = GoogleStatuses.progress(step.detail());
      if (given != null) {
        return given;
      }
    }
    return runningPolls <= 0 ? 0 : (int) (100 * Math.min(polls, runningPolls) / (runningPolls + 1));
  }

  private static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
