package dev.opstub.internal.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.opstub.internal.state.StoreUnavailable;
import dev.opstub.spi.Operations;
import dev.opstub.spi.Poll;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the operations a stub (or one admin call) starts have in common: how clients follow them
 * and what the answers hold. It is kept once per distinct profile, in the state under its digest
 * (the SHA-256 of its JSON, as timelines are kept once), and the shape of each call that starts
 * operations ({@link AzureOperation}) names it by that digest: a 64 KB result costs its operations
 * nothing each.
 *
 * @param pattern how the client follows the operation
 * @param monitorTemplate the mapping's {@code monitorPath} ({@code .../{id}}), or {@code null} for the pattern's own
 * @param result the result (compact JSON text), or {@code null}
 * @param resultProperty the monitor property that holds the result ({@code result}, {@code analyzeResult})
 * @param camelCase whether statuses are served in camelCase ({@code running}, Document Intelligence)
 * @param error more properties of the {@code error} of a failed step (JSON object text), or {@code null}
 * @param retryAfterMillis {@code Retry-After} served while not terminal, or 0 for none
 * @param failureStatus the HTTP status a failed ARM {@code Location} answers
 * @param millisHeader the header that also serves the wait in milliseconds, or {@code null}
 * @param percents the {@code percentCompleted} (ARM: {@code percentComplete}) of each step, empty
 *     for none, or {@code null} for 0, 50 and 100 (data plane: with camelCase statuses only)
 * @param service what a service-shaped mapping adds (start path, declared statuses, start and
 *     final statuses), or {@code null}
 */
record AzureProfile(AzurePattern pattern, String monitorTemplate, String result, String resultProperty,
    boolean camelCase, String error, long retryAfterMillis, int failureStatus, String millisHeader,
    List<Integer> percents, AzureServiceShape service) {

  /** A profile without a service shape. */
  AzureProfile(AzurePattern pattern, String monitorTemplate, String result, String resultProperty, boolean camelCase,
      String error, long retryAfterMillis, int failureStatus, String millisHeader, List<Integer> percents) {
    this(pattern, monitorTemplate, result, resultProperty, camelCase, error, retryAfterMillis, failureStatus,
        millisHeader, percents, null);
  }

  /** A plain status monitor without result: what an operation made without a start call is. */
  static final AzureProfile BARE = new AzureProfile(AzurePattern.OPERATION_LOCATION, null, null, "result", false,
      null, 0, 400, null, null);

  /** The state's word for a profile, and what a kind's mark (saying it is stored) adds to it ({@link Operations#resource}). */
  private static final String KIND = "profile";
  private static final String MARK = "-stored";
  /** Hex characters of the digests of profiles and shapes: 64 bits, short enough for an operation's 300 bytes. */
  static final int DIGEST_LENGTH = 16;
  /**
   * How long a shared store keeps a profile (or shape) after a start last found it missing: longer
   * than the mark that spares re-sending it (an hour), so that an operation started while the mark
   * stood finds it for the week after (operations live a day after their last poll).
   */
  private static final Duration KEPT = Duration.ofDays(7);
  private static final Duration MARK_KEPT = Duration.ofHours(1);

  /** Profiles by digest, read or written by this JVM: a poll reads its profile from here. */
  private static final Cache<String, AzureProfile> KNOWN = Caffeine.newBuilder()
      .maximumWeight(64L * 1024 * 1024)
      .<String, AzureProfile>weigher((digest, profile) -> profile.weight())
      .build();
  /** The digest of each profile made from a stub's parameters: the same result text is hashed once. */
  private static final Cache<AzureProfile, String> DIGESTS = Caffeine.newBuilder()
      .maximumWeight(64L * 1024 * 1024)
      .<AzureProfile, String>weigher((profile, digest) -> profile.weight())
      .build();

  /** The texts this JVM made sure of lately, per state and kind: a monitor stub's script is made on every poll. */
  private static final Cache<Stored, Boolean> RECENT = Caffeine.newBuilder().maximumSize(10_000)
      .expireAfterWrite(Duration.ofSeconds(1)).build();

  private record Stored(Operations operations, String kind, String digest) {}

  /**
   * This profile's digest, the profile known to this JVM by it from now on (the first instance
   * known stays: each start makes a new, equal one, which must not replace what operations read).
   */
  String remember() {
    String digest = digest();
    KNOWN.asMap().putIfAbsent(digest, this);
    return digest;
  }

  /**
   * This profile's digest, after making sure {@code state} holds it (see {@link #keep}).
   *
   * @param lately whether a look this JVM took in the last second will do (a poll's script; a start looks every time)
   */
  String store(Operations operations, boolean lately) {
    String digest = remember();
    keep(KIND, digest, this::toJson, operations, lately, () -> { });
    return digest;
  }

  /**
   * Makes sure {@code state} holds a text shared by many operations under {@code kind} and its
   * digest: one look at a small mark in the state; the text is sent (after {@code first}) only
   * when the mark is missing, as after a reset. A shared store keeps the text a week and the mark
   * an hour, so an operation started while the mark stood finds the text for days after.
   */
  static void keep(String kind, String digest, java.util.function.Supplier<String> text, Operations operations,
      boolean lately, Runnable first) {
    Stored key = new Stored(operations, kind, digest);
    if (lately && RECENT.getIfPresent(key) != null) {
      return;
    }
    if (operations.resource(AzureApi.NAME, kind + MARK, digest).isEmpty()) {
      first.run();
      operations.putResource(AzureApi.NAME, kind, digest, text.get(), KEPT);
      operations.putResource(AzureApi.NAME, kind + MARK, digest, "1", MARK_KEPT);
    }
    // Only once the store holds it: another replica may poll an operation naming it at once.
    RECENT.put(key, true);
  }

  /** A text {@link #keep} stored; a {@link StoreUnavailable} naming it when the store lost it. */
  static String kept(String kind, String digest, Operations operations) {
    return operations.resource(AzureApi.NAME, kind, digest).orElseThrow(() -> new StoreUnavailable(
        "the settings of this Azure operation (" + kind + " " + digest + ") are no longer in the store; start it "
            + "again", null));
  }

  /** The first {@link #DIGEST_LENGTH} hex characters of the SHA-256 of {@code text}. */
  static String digestOf(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, DIGEST_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The profile a digest names: from this JVM when it knows it, else from the state. */
  static AzureProfile find(String digest, Operations operations) {
    AzureProfile known = KNOWN.getIfPresent(digest);
    if (known != null) {
      return known;
    }
    AzureProfile read = parse(kept(KIND, digest, operations));
    KNOWN.put(digest, read);
    return read;
  }

  /** Roughly its size in characters, for the caches' bound. */
  int weight() {
    return 256 + (result == null ? 0 : result.length()) + (error == null ? 0 : error.length())
        + (service == null ? 0 : service.weight());
  }

  String digest() {
    return DIGESTS.get(this, profile -> digestOf(profile.toJson()));
  }

  /** Its stored form: written and read by this class only (never a user's value). */
  String toJson() {
    ObjectNode node = AzureOperation.JSON.createObjectNode();
    node.put("pattern", pattern.notation).put("monitorPath", monitorTemplate).put("resultProperty", resultProperty)
        .put("camelCase", camelCase).put("retryAfterMillis", retryAfterMillis).put("failureStatus", failureStatus)
        .put("millisHeader", millisHeader);
    node.set("result", result == null ? null : AzureBodies.json(result));
    node.set("error", error == null ? null : AzureBodies.json(error));
    if (percents != null) {
      percents.forEach(node.putArray("percents")::add);
    }
    if (service != null) { // only then: a profile without one keeps the digest earlier versions stored it under
      node.set("service", service.toJson());
    }
    return node.toString();
  }

  private static AzureProfile parse(String json) {
    JsonNode node;
    try {
      node = AzureOperation.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StoreUnavailable("an Azure operation's settings in the store are not readable: " + e.getOriginalMessage(),
          e);
    }
    return new AzureProfile(AzurePattern.of(node.path("pattern").asText()).orElse(AzurePattern.OPERATION_LOCATION),
        text(node, "monitorPath"), json(node, "result"), node.path("resultProperty").asText("result"),
        node.path("camelCase").asBoolean(false), json(node, "error"), node.path("retryAfterMillis").asLong(0),
        node.path("failureStatus").asInt(400), text(node, "millisHeader"), percents(node.get("percents")),
        AzureServiceShape.parse(node.get("service")));
  }

  private static List<Integer> percents(JsonNode array) {
    if (array == null || !array.isArray()) {
      return null;
    }
    List<Integer> percents = new ArrayList<>();
    array.forEach(item -> percents.add(item.asInt()));
    return List.copyOf(percents);
  }

  /**
   * The {@code percentCompleted} a poll serves: the profile's value for the poll's step (a
   * terminal poll, also a cancel's, the last value), by default 0, 50 or 100 as the step stands;
   * {@code null} for none.
   *
   * @param byDefault whether the operation serves it without values of its own
   */
  Integer percent(Poll poll, boolean byDefault) {
    if (percents == null) {
      return !byDefault ? null : switch (poll.step().phase()) {
        case NOT_STARTED -> 0;
        case RUNNING -> 50;
        case SUCCEEDED, FAILED, CANCELED -> 100;
      };
    }
    if (percents.isEmpty()) {
      return null;
    }
    return percents.get(poll.isTerminal() ? percents.size() - 1 : Math.min(poll.stepIndex(), percents.size() - 1));
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String json(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.toString();
  }
}
