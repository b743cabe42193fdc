package dev.opstub.internal.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.internal.http.Ids;
import org.junit.jupiter.api.Test;

class MediaIdsTest {
  private static final String GUID = "ab66eff9-8945-4323-9f91-d257a695899b";
  private static final String OP_ID = "nb:opid:UUID:" + GUID;

  @Test
  void anOperationIdIsTheExactPrefixAndAGuidNormalisedToLowerCase() {
    assertThat(MediaIds.operationId(OP_ID)).hasValue(OP_ID);
    assertThat(MediaIds.operationId("nb:opid:UUID:" + GUID.toUpperCase(java.util.Locale.ROOT))).hasValue(OP_ID);
  }

  @Test
  void aWrongPrefixOrGuidIsNotAnOperationId() {
    assertThat(MediaIds.operationId("nb:opid:uuid:" + GUID)).isEmpty();
    assertThat(MediaIds.operationId("NB:OPID:UUID:" + GUID)).isEmpty();
    assertThat(MediaIds.operationId("nb:chid:UUID:" + GUID)).isEmpty();
    assertThat(MediaIds.operationId(GUID)).isEmpty();
    assertThat(MediaIds.operationId("nb:opid:UUID:ab66eff9-8945-4323-9f91")).isEmpty();
    assertThat(MediaIds.operationId("nb:opid:UUID:" + GUID + "x")).isEmpty();
    assertThat(MediaIds.operationId(null)).isEmpty();
  }

  @Test
  void entityIdsAreCheckedAgainstTheirPrefix() {
    assertThat(MediaIds.parse(MediaIds.CHANNEL_PREFIX, "nb:chid:UUID:1E518DBC-91EF-4044-A8BD-D20769DAE833"))
        .hasValue("nb:chid:UUID:1e518dbc-91ef-4044-a8bd-d20769dae833");
    assertThat(MediaIds.parse(MediaIds.ORIGIN_PREFIX, "nb:oid:UUID:" + GUID)).hasValue("nb:oid:UUID:" + GUID);
    assertThat(MediaIds.parse(MediaIds.PROGRAM_PREFIX, "nb:pgid:UUID:" + GUID)).hasValue("nb:pgid:UUID:" + GUID);
    assertThat(MediaIds.parse(MediaIds.PROGRAM_PREFIX, "nb:chid:UUID:" + GUID)).isEmpty();
  }

  @Test
  void theKeyIsReadFromALiteralSegment() {
    assertThat(MediaIds.key("Operations('" + OP_ID + "')")).hasValue(OP_ID);
  }

  @Test
  void theKeyIsReadFromAPercentEncodedSegment() {
    assertThat(MediaIds.key("Operations('nb%3Aopid%3AUUID%3A" + GUID + "')")).hasValue(OP_ID);
    assertThat(MediaIds.key("Operations(%27nb%3aopid%3aUUID%3a" + GUID + "%27)")).hasValue(OP_ID);
    assertThat(MediaIds.key("Operations%28%27nb%3Aopid%3AUUID%3A" + GUID + "%27%29")).hasValue(OP_ID);
  }

  @Test
  void aSegmentWithoutQuotedKeyHasNoKey() {
    assertThat(MediaIds.key("Operations(" + OP_ID + ")")).isEmpty();
    assertThat(MediaIds.key("Operations")).isEmpty();
    assertThat(MediaIds.key("Operations()")).isEmpty();
  }

  @Test
  void percentDecodingKeepsPlusAndBrokenEscapes() {
    assertThat(Ids.percentDecode("a+b%20c%zz%4")).isEqualTo("a+b c%zz%4");
    assertThat(Ids.percentDecode("caf%C3%A9")).isEqualTo("café");
  }

  @Test
  void idsAreWrittenInUrlsWithEncodedColons() {
    assertThat(MediaIds.encoded(OP_ID)).isEqualTo("nb%3Aopid%3AUUID%3A" + GUID);
    assertThat(MediaIds.guid(OP_ID)).isEqualTo(GUID);
  }

  @Test
  void newOperationIdsAreValidAndDistinct() {
    String first = MediaIds.newOperationId();
    assertThat(MediaIds.operationId(first)).hasValue(first);
    assertThat(MediaIds.newOperationId()).isNotEqualTo(first);
  }

  @Test
  void aPathSplitsIntoRootEntitySetKeyAndAction() {
    MediaPath path = MediaPath.parse("/media/api/Channels(%27nb%3Achid%3AUUID%3A" + GUID + "%27)/Start").orElseThrow();

    assertThat(path.root()).isEqualTo("/media");
    assertThat(path.entitySet()).isEqualTo("Channels");
    assertThat(path.key()).isEqualTo("nb:chid:UUID:" + GUID);
    assertThat(path.action()).isEqualTo("Start");
    assertThat(path.serviceRoot("http://127.0.0.1:8080/")).isEqualTo("http://127.0.0.1:8080/media");
    assertThat(MediaPath.parse("/api/Operations").isEmpty()).isTrue();
    assertThat(MediaPath.parse("/Operations('x')").isEmpty()).isTrue();
  }
}
