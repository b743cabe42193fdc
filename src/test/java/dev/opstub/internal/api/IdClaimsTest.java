package dev.opstub.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.internal.face.FaceApi;
import dev.opstub.internal.http.UrlLiterals;
import dev.opstub.internal.media.MediaApi;
import dev.opstub.spi.IdClaim;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each API says a mapping URL claims ({@link Dialect#claimedId}), and the literal reader under it. */
class IdClaimsTest {
  private static final String UUID = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static final String GUID = "ab66eff9-8945-4323-9f91-d257a695899b";

  @Test
  void theShippedFacePatternClaimsItsIdInLowerCase() {
    assertThat(FaceApi.INSTANCE.claimedId("urlPathPattern", "/face/v1\\.0(-preview)?/operations/(?i)" + UUID.toUpperCase()))
        .contains(new IdClaim(UUID, UUID.toUpperCase()));
  }

  @Test
  void quotedIdsAndLiteralPathsClaimTooAndTheQueryIsIgnored() {
    assertThat(FaceApi.INSTANCE.claimedId("urlPathPattern", "/face/v1\\.0(-preview)?/operations/(?i)\\Q" + UUID + "\\E"))
        .map(IdClaim::id).contains(UUID);
    assertThat(FaceApi.INSTANCE.claimedId("url", "/face/v1.0/operations/" + UUID + "?x=1")).map(IdClaim::id).contains(UUID);
    assertThat(FaceApi.INSTANCE.claimedId("urlPath", "/face/v1.0/operations/" + UUID + "/")).map(IdClaim::id).contains(UUID);
  }

  @Test
  void catchAllsClaimNothing() {
    assertThat(FaceApi.INSTANCE.claimedId("urlPathPattern", "/face/v1\\.0(-preview)?/operations(/.*)?")).isEmpty();
    assertThat(FaceApi.INSTANCE.claimedId("urlPathPattern", "/face/v1\\.0(-preview)?/operations/[^/]+")).isEmpty();
    assertThat(FaceApi.INSTANCE.claimedId("urlPathPattern", "/face/v1\\.0/operations/a63a3bdd-.*")).isEmpty();
    assertThat(FaceApi.INSTANCE.claimedId("urlPathPattern", "/face/v1\\.0/operations/\\d+")).isEmpty();
    assertThat(MediaApi.INSTANCE.claimedId("urlPathPattern", "(/.*)?/api/Operations.*")).isEmpty();
    assertThat(MediaApi.INSTANCE.claimedId("urlPathPattern", "(/.*)?/api/Operations(\\(|%28)('|%27)nb(:|%3A)opid(:|%3A)UUID(:|%3A)"
        + "[0-9a-f-]{36}('|%27)(\\)|%29)")).isEmpty();
  }

  @Test
  void aLiteralIdThatIsNotAUuidIsClaimedWithoutANormalisedId() {
    assertThat(FaceApi.INSTANCE.claimedId("urlPath", "/face/v1.0/operations/my-operation"))
        .contains(new IdClaim(null, "my-operation"));
  }

  @Test
  void theShippedMediaPatternAndItsPercentEncodedSpellingsClaimOneId() {
    String id = "nb:opid:UUID:" + GUID;
    assertThat(MediaApi.INSTANCE.claimedId("urlPathPattern", "(?i)(/.*)?/api/Operations(\\(|%28)('|%27)nb(:|%3A)opid(:|%3A)UUID(:|%3A)"
        + GUID + "('|%27)(\\)|%29)")).map(IdClaim::id).contains(id);
    assertThat(MediaApi.INSTANCE.claimedId("url", "/api/Operations(%27nb%3Aopid%3AUUID%3A" + GUID.toUpperCase() + "%27)"))
        .map(IdClaim::id).contains(id);
    assertThat(MediaApi.INSTANCE.claimedId("urlPath", "/account/api/Operations('" + id + "')")).map(IdClaim::id).contains(id);
  }

  @Test
  void alternativesThatAreNotOneCharacterSpeltTwoWaysAreNotLiteral() {
    assertThat(UrlLiterals.literal("(a|b)")).isEmpty();
    assertThat(UrlLiterals.literal("(:|%3A)")).contains(":");
    assertThat(UrlLiterals.literal("(?:x|x)y")).contains("xy");
    assertThat(UrlLiterals.literal("a(?=b)")).isEmpty();
    assertThat(UrlLiterals.literal("ab?")).isEmpty();
    assertThat(UrlLiterals.literal("\\.\\(")).isEqualTo(Optional.of(".("));
  }
}
