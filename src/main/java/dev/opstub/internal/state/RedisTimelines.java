package dev.opstub.internal.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Phase;
import dev.opstub.spi.StatusVocabulary;
import dev.opstub.spi.Step;
import dev.opstub.spi.Timeline;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The timelines as the Redis state keeps them: each stored once in Redis under its digest and
 * shared by the operations that follow it, so a server remembers what it need not send again and
 * reads a timeline back from its notation once, not on every poll.
 *
 * <pre>{@code
 * RedisTimelines timelines = new RedisTimelines(connection, apis::statuses, 12);
 * timelines.facts(spec.timeline()).digest();   // the SHA-256 of its notation, hex
 * }</pre>
 */
final class RedisTimelines {
  /**
   * The digest's hex characters that name a timeline's key. The key holds the whole digest and the
   * notation, which the script compares (two timelines whose names collide go to {@code :1},
   * {@code :2}...), so the name only needs to be short: each operation's hash repeats it.
   */
  static final int KEY_LENGTH = 12;

  private final RedisConnection connection;
  private final Function<String, Optional<StatusVocabulary>> vocabularies;
  private final int keyLength;
  /** Timelines read back from their notation, per API. */
  private final Cache<String, Timeline> timelines = Caffeine.newBuilder().maximumSize(10_000).build();
  /** The digest and phases of each timeline this server sent, by identity (a stub's timeline is one object). */
  private final Cache<Timeline, Facts> facts = Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();
  /** The digests of the timelines this server has seen stored in Redis: their steps are not sent again. */
  private final Cache<String, Boolean> stored = Caffeine.newBuilder().maximumSize(10_000)
      .expireAfterWrite(Duration.ofHours(1)).build();

  /**
   * @param vocabularies the status vocabulary of each API by name (empty for one this server does
   *     not serve): what reads a stored notation back
   * @param keyLength the digest's hex characters that name a timeline's key (tests make them collide)
   */
  RedisTimelines(RedisConnection connection, Function<String, Optional<StatusVocabulary>> vocabularies, int keyLength) {
    this.connection = connection;
    this.vocabularies = vocabularies;
    this.keyLength = keyLength;
  }

  int keyLength() {
    return keyLength;
  }

  /**
   * What a server sends of a timeline: the SHA-256 of its notation, in hex (the name of its key in
   * Redis), and the phases its status steps show (the only ones a poll sends history entries for).
   */
  record Facts(String digest, Set<Phase> phases) {}

  Facts facts(Timeline timeline) {
    return facts.get(timeline, t -> {
      Set<Phase> phases = EnumSet.noneOf(Phase.class);
      t.steps().stream().filter(step -> !step.isFault()).forEach(step -> phases.add(step.phase()));
      try {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(t.notation().getBytes(StandardCharsets.UTF_8));
        return new Facts(HexFormat.of().formatHex(hash), Collections.unmodifiableSet(phases));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java has SHA-256", e);
      }
    });
  }

  /** Whether this server has seen the timeline of {@code digest} stored in Redis lately. */
  boolean isStored(String digest) {
    return stored.getIfPresent(digest) != null;
  }

  void stored(String digest) {
    stored.put(digest, true);
  }

  /**
   * The timeline of {@code digest}, stored under {@code key}: read back from its notation once per
   * server (a reply carries the digest, not the notation, so a poll's answer does not grow with it).
   */
  Timeline readBack(String api, String digest, String key) {
    return timelines.get(api + "\n" + digest, k -> {
      StatusVocabulary statuses = vocabularies.apply(api).orElseThrow(() -> new IllegalStateException(
          "the store holds an operation of an API this server does not serve: " + api));
      List<String> stored = connection.call(() -> connection.redis().hmget(key, "d", "n"));
      if (!digest.equals(stored.get(0)) || stored.get(1) == null) {
        throw new StoreUnavailable("the timeline " + digest + " left " + connection.shown() + " while it was read; try again", null);
      }
      return TimelineParser.parse(stored.get(1), statuses);
    });
  }

  /**
   * The steps as the script stores them, one a line: {@code kind:polls:durationMicros:phase;fault},
   * where {@code fault} is a fault step's history entry (see operation.lua).
   */
  static String steps(Timeline timeline) {
    StringJoiner out = new StringJoiner("\n");
    PollDraft noRequest = new PollDraft(Instant.EPOCH, Map.of(), () -> 404, Phase::name, null);
    for (Step step : timeline.steps()) {
      char kind = step.isFault() ? 'x' : switch (step.phase()) {
        case NOT_STARTED -> 'x';
        case RUNNING -> 'r';
        case SUCCEEDED, FAILED, CANCELED -> 't';
      };
      long duration = step.isTimed() ? Math.max(1, RedisClock.micros(step.duration())) : 0;
      String fault = step.isFault() ? RedisHistoryEntries.entryRest(noRequest.faulted("", "", step.fault())) : "";
      out.add(kind + ":" + step.polls() + ":" + duration + ":" + (step.isFault() ? -1 : step.phase().ordinal())
          + ";" + fault);
    }
    return out.toString();
  }
}
