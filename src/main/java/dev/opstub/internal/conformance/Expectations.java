package dev.opstub.internal.conformance;

import dev.opstub.spi.Timeline;
import java.util.List;
import java.util.Objects;

/**
 * What an API handed a client for one operation and what its pattern allows, as the API knows it
 * ({@link RuleBook#expectations}): the rules judge the polls against it.
 *
 * @param pattern the pattern's name as reports show it ({@code operation-location}, {@code
 *     azure-asyncoperation}, {@code location}, {@code face operation}, ...)
 * @param handedPath the path of the URL the client was handed to poll (percent-decoded), or {@code
 *     null} when the server cannot know it (the operation is no longer live)
 * @param handedRelative whether {@code handedPath} is relative, resolved by the client on its own
 *     endpoint (Face's {@code Operation-Location: /operations/{id}}; the Media seed's {@code
 *     Operations('{id}')} built from the {@code operation-id} it was handed): a poll's path must end with it
 * @param handedApiVersion the {@code api-version} that URL carries, or {@code null} for none
 * @param readsAfterTerminal how many polls of the same URL the pattern allows after the first poll
 *     that was served a terminal status (a result fetch of the monitor after {@code succeeded}: 1;
 *     otherwise 0). Final reads on other URLs (ARM's {@code Location} or the resource once an
 *     {@code Azure-AsyncOperation} monitor ended) only look, are not polls, and are always allowed.
 * @param finalReads the pattern's allowed final reads in words, for reports and docs
 * @param credentialHeaders the request headers that carry a credential for this API (any one counts)
 * @param startCredential whether the call that started the operation carried one of them ({@code
 *     null}: not known, e.g. a stub or the admin API made the operation, or it is no longer live;
 *     then any poll that carried one decides). The judge fills it from the operation when the API
 *     leaves it {@code null} ({@link #knowingStart})
 * @param timeline the operation's timeline, or {@code null} when it is no longer live
 */
public record Expectations(String pattern, String handedPath, boolean handedRelative, String handedApiVersion,
    int readsAfterTerminal,
    String finalReads, List<String> credentialHeaders, Boolean startCredential, Timeline timeline) {

  public Expectations {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(finalReads, "finalReads");
    credentialHeaders = List.copyOf(credentialHeaders);
    if (readsAfterTerminal < 0) {
      throw new IllegalArgumentException("readsAfterTerminal must be 0 or more, was " + readsAfterTerminal);
    }
  }

  /** These expectations with what the start call carried, unless they say it already. */
  Expectations knowingStart(Boolean carried) {
    return startCredential != null || carried == null ? this : new Expectations(pattern, handedPath, handedRelative,
        handedApiVersion, readsAfterTerminal, finalReads, credentialHeaders, carried, timeline);
  }
}
