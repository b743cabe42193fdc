package dev.opstub.junit;

import java.util.Locale;

/**
 * The two seed APIs by constant, kept for the annotations written before APIs were chosen by name.
 *
 * <pre>{@code
 * @OperationStub(apiName = "media", timeline = "InProgress, Failed(InsufficientCapacity)") // instead of api = Api.MEDIA
 * }</pre>
 *
 * @deprecated name the API instead: {@link OperationStub#apiName()} and the {@code String api}
 *     methods of {@link OpStubServer} take {@code "face"}, {@code "media"} or any API the pack
 *     serves, so a new API needs no constant here.
 */
@Deprecated(since = "0.2.0")
public enum Api {
  /** Face API v1.0-preview snapshot operations: ids are uuids, statuses {@code notStarted, running, succeeded, failed}. */
  FACE,
  /** Media Services v2 operations: ids are {@code nb:opid:UUID:<guid>}, states {@code InProgress, Succeeded, Failed}. */
  MEDIA,
  /** The default of {@link OperationStub#api()}: the API is the one {@link OperationStub#apiName()} names. */
  NAMED;

  /** The API's name in the pack's registry ({@code face}, {@code media}); {@code null} for {@link #NAMED}. */
  String apiName() {
    return this == NAMED ? null : name().toLowerCase(Locale.ROOT);
  }
}
