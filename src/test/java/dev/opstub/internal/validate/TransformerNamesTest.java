package dev.opstub.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.internal.api.Apis;
import dev.opstub.spi.Finding;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mapping that looks like an OpStub mapping is never silently dead: WireMock skips a transformer
 * name it does not know, so a misspelt one (or OpStub parameters with no transformer) would load and
 * answer 200 with an empty body. Other transformers are left alone.
 */
class TransformerNamesTest {
  private final MappingRules rules = new MappingRules(Apis.builtIn());

  private List<Finding> check(List<String> transformers, Map<String, Object> parameters) {
    Map<String, Object> response = new java.util.HashMap<>();
    if (transformers != null) {
      response.put("transformers", transformers);
    }
    response.put("transformerParameters", parameters);
    return rules.check(Map.of("response", response));
  }

  @ParameterizedTest
  @CsvSource({
      "face-operation, opstub-face-operation",
      "Face-Operation, opstub-face-operation",
      "opstub_face_operation, opstub-face-operation",
      "media-operations, opstub-media-operation",
      "mediaoperation, opstub-media-operation",
      "face-snapshot, opstub-face-snapshots",
      "response-templates, response-template",
      "respone-template, response-template"})
  void aNameAFewLettersFromOneOfOursOrWireMocksIsRefusedNamingTheRightOne(String written, String meant) {
    assertThat(check(List.of(written), Map.of("timeline", "running, succeeded"))).singleElement().satisfies(f -> {
      assertThat(f.pointer()).isEqualTo("/response/transformers/0");
      assertThat(f.message()).startsWith("transformer \"" + written + "\" (did you mean \"" + meant + "\"?) is neither "
          + "WireMock's nor OpStub's, so nothing would answer this stub");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"response-template", "my-team-signer", "jwt", "body-transformer", "opstub.recording-urls"})
  void wireMocksAndOtherExtensionsTransformersAreLeftAlone(String transformer) {
    assertThat(check(List.of(transformer), Map.of("path", "/x", "timeline", "running"))).isEmpty();
  }

  @Test
  void opStubParametersWithNoTransformerAreRefusedNamingTheTransformersThatReadThem() {
    assertThat(check(null, Map.of("timeline", "running x2, succeeded"))).singleElement().satisfies(f -> {
      assertThat(f.pointer()).isEqualTo("/response/transformerParameters/timeline");
      assertThat(f.message()).startsWith("\"timeline\" is an OpStub parameter, but the mapping names no OpStub "
          + "transformer, so nothing reads it; allowed: add one of opstub-azure-monitor, opstub-azure-start, opstub-face-operation, ")
          .contains("opstub-media-operation", " to \"transformers\" (e.g. \"transformers\": [\"opstub-azure-monitor\"])");
    });
    assertThat(check(List.of(), Map.of("targetEntityId", "nb:cid:UUID:1"))).singleElement().asString()
        .contains("add one of opstub-media-operation to \"transformers\"");
  }

  @Test
  void onAServerWhereATransformerReadsEveryStubParametersWithoutATransformerAreItsToRead() {
    MappingRules globalTemplating = new MappingRules(Apis.builtIn(), () -> new OtherTransformers(Set.of(), true));

    assertThat(globalTemplating.check(Map.of("response", Map.of("transformerParameters", Map.of("timeline", "x")))))
        .isEmpty();
  }

  @Test
  void parametersNoOpStubTransformerReadsAreNotOurs() {
    assertThat(check(null, Map.of("greeting", "hello"))).isEmpty();
  }

  @Test
  void aCorrectOpStubMappingHasNoFinding() {
    assertThat(check(List.of("opstub-face-operation", "response-template"), Map.of("timeline", "running, succeeded")))
        .isEmpty();
  }
}
