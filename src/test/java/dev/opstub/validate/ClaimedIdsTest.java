package dev.opstub.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimedIdsTest {
  private static final String UUID = "a63a3bdd-a1db-4d05-87b8-dbad6850062a";
  private static final String GUID = "ab66eff9-8945-4323-9f91-d257a695899b";

  @Test
  void theShippedFacePatternClaimsItsIdInLowerCase() {
    assertThat(ClaimedIds.face("urlPathPattern", "/face/v1\\.0(-preview)?/operations/(?i)" + UUID.toUpperCase()))
        .contains(new ClaimedIds.Claim(UUID, UUID.toUpperCase()));
  }

  @Test
  void quotedIdsAndLiteralPathsClaimTooAndTheQueryIsIgnored() {
    assertThat(ClaimedIds.face("urlPathPattern", "/face/v1\\.0(-preview)?/operations/(?i)\\Q" + UUID + "\\E"))
        .map(ClaimedIds.Claim::id).contains(UUID);
    assertThat(ClaimedIds.face("url", "/face/v1.0/operations/" + UUID + "?x=1")).map(ClaimedIds.Claim::id).contains(UUID);
    assertThat(ClaimedIds.face("urlPath", "/face/v1.0/operations/" + UUID + "/")).map(ClaimedIds.Claim::id).contains(UUID);
  }

  @Test
  void catchAllsClaimNothing() {
    assertThat(ClaimedIds.face("urlPathPattern", "/face/v1\\.0(-preview)?/operations(/.*)?")).isEmpty();
    assertThat(ClaimedIds.face("urlPathPattern", "/face/v1\\.0(-preview)?/operations/[^/]+")).isEmpty();
    assertThat(ClaimedIds.face("urlPathPattern", "/face/v1\\.0/operations/a63a3bdd-.*")).isEmpty();
    assertThat(ClaimedIds.face("urlPathPattern", "/face/v1\\.0/operations/\\d+")).isEmpty();
    assertThat(ClaimedIds.media("urlPathPattern", "(/.*)?/api/Operations.*")).isEmpty();
    assertThat(ClaimedIds.media("urlPathPattern", "(/.*)?/api/Operations(\\(|%28)('|%27)nb(:|%3A)opid(:|%3A)UUID(:|%3A)"
        + "[0-9a-f-]{36}('|%27)(\\)|%29)")).isEmpty();
  }

  @Test
  void aLiteralIdThatIsNotAUuidIsClaimedWithoutANormalisedId() {
    assertThat(ClaimedIds.face("urlPath", "/face/v1.0/operations/my-operation"))
        .contains(new ClaimedIds.Claim(null, "my-operation"));
  }

  @Test
  void theShippedMediaPatternAndItsPercentEncodedSpellingsClaimOneId() {
    String id = "nb:opid:UUID:" + GUID;
    assertThat(ClaimedIds.media("urlPathPattern", "(?i)(/.*)?/api/Operations(\\(|%28)('|%27)nb(:|%3A)opid(:|%3A)UUID(:|%3A)"
        + GUID + "('|%27)(\\)|%29)")).map(ClaimedIds.Claim::id).contains(id);
    assertThat(ClaimedIds.media("url", "/api/Operations(%27nb%3Aopid%3AUUID%3A" + GUID.toUpperCase() + "%27)"))
        .map(ClaimedIds.Claim::id).contains(id);
    assertThat(ClaimedIds.media("urlPath", "/account/api/Operations('" + id + "')")).map(ClaimedIds.Claim::id).contains(id);
  }

  @Test
  void alternativesThatAreNotOneCharacterSpeltTwoWaysAreNotLiteral() {
    assertThat(ClaimedIds.literal("(a|b)")).isEmpty();
    assertThat(ClaimedIds.literal("(:|%3A)")).contains(":");
    assertThat(ClaimedIds.literal("(?:x|x)y")).contains("xy");
    assertThat(ClaimedIds.literal("a(?=b)")).isEmpty();
    assertThat(ClaimedIds.literal("ab?")).isEmpty();
    assertThat(ClaimedIds.literal("\\.\\(")).isEqualTo(Optional.of(".("));
  }
}
