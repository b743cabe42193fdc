package dev.opstub.internal.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opstub.internal.api.Apis;
import dev.opstub.internal.validate.MappingRules;
import dev.opstub.internal.validate.MappingValidator;
import dev.opstub.internal.validate.Problem;
import dev.opstub.spi.Finding;
import dev.opstub.spi.IdClaim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the validator (and so the server, on load) says of Google mappings, through the registry. */
class GoogleMappingsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static List<Finding> check(String mapping) throws Exception {
    return new MappingRules(Apis.builtIn()).check(JSON.readValue(mapping, Map.class));
  }

  @Test
  void aStartMappingWithAnUntypedResponseABadCodeOrANameWithoutIdIsRefusedSayingWhatIsAllowed() throws Exception {
    List<Finding> findings = check("""
        {"request": {"method": "POST", "urlPath": "/v1/videos:annotate"},
         "response": {"transformers": ["opstub-google-start"], "transformerParameters": {
           "timeline": "Running, Failed(99: nope)", "response": {"results": []},
           "operationName": "projects/p1/locations/l1/operations/fixed", "retryAfter": "1s"}}}
        """);
    assertThat(findings).extracting(Finding::toString).anySatisfy(f -> assertThat(f)
            .startsWith("/response/transformerParameters/timeline").contains("google.rpc code from 1 to 16"))
        .anySatisfy(f -> assertThat(f).startsWith("/response/transformerParameters/response")
            .contains("\"@type\" as type.googleapis.com/<full.message.Name>"))
        .anySatisfy(f -> assertThat(f).startsWith("/response/transformerParameters/operationName").contains("{id}"))
        .anySatisfy(f -> assertThat(f).startsWith("/response/transformerParameters/retryAfter")
            .contains("unknown parameter"));
  }

  @Test
  void anOperationNameTheAnswersCouldNotCarryIsRefusedAtCheckNotOnTheStart() throws Exception {
    String start = """
        {"request": {"method": "POST", "urlPath": "/v1/videos:annotate"},
         "response": {"transformers": ["opstub-google-start"], "transformerParameters": {"operationName": "%s"}}}
        """;

    assertThat(check(start.formatted("operations/{id}"))).extracting(Finding::toString)
        .anySatisfy(f -> assertThat(f).startsWith("/response/transformerParameters/operationName"));
    assertThat(check(start.formatted("x".repeat(110) + "{id}"))).extracting(Finding::toString)
        .as("a 19-digit id makes the name too long").anySatisfy(f -> assertThat(f)
            .startsWith("/response/transformerParameters/operationName"));
    assertThat(check(start.formatted("projects/p/locations/l/operations/{id}"))).isEmpty();
  }

  @Test
  void twoMappingsScriptingOneOperationNameClash(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("mappings"));
    for (String file : List.of("a.json", "b.json")) {
      Files.writeString(root.resolve("mappings").resolve(file), """
          {"request": {"method": "GET", "urlPath": "/v1/operations/op-1"},
           "response": {"transformers": ["opstub-google-operation"], "transformerParameters": {"timeline": "Running, Done"}}}
          """);
    }
    List<Problem> problems = MappingValidator.validate(List.of(root));
    assertThat(problems).extracting(Problem::toString).anySatisfy(p -> assertThat(p).contains("op-1"));
  }

  @Test
  void aLiteralOperationUrlClaimsItsNameAndABadNameIsNoId() {
    assertThat(GoogleApi.INSTANCE.claimedId("urlPath", "/v1/operations/op-1")).contains(new IdClaim("op-1", "op-1"));
    assertThat(GoogleApi.INSTANCE.claimedId("urlPath", "/v1/projects/p/locations/l/operations/x:cancel"))
        .contains(new IdClaim("projects/p/locations/l/operations/x", "projects/p/locations/l/operations/x"));
    assertThat(GoogleApi.INSTANCE.claimedId("urlPath", "/v1/operations/bad!")).contains(new IdClaim(null, "bad!"));
    assertThat(GoogleApi.INSTANCE.claimedId("urlPathPattern", "/v1/operations/.*")).isEqualTo(Optional.empty());
    assertThat(GoogleApi.INSTANCE.claimedId("urlPath", "/v1/speech:longrunningrecognize")).isEmpty();
  }

  @Test
  void theApiOwnsItsPathsForTheBodyLimitAndNoOtherApisPaths() {
    assertThat(GoogleApi.INSTANCE.ownsPath("/v1/speech:longrunningrecognize")).isTrue();
    assertThat(GoogleApi.INSTANCE.ownsPath("/v1/operations/123")).isTrue();
    assertThat(GoogleApi.INSTANCE.ownsPath("/v1/operations")).isTrue();
    assertThat(GoogleApi.INSTANCE.ownsPath("/face/v1.0-preview/operations/x")).isFalse();
  }
}
