package dev.opstub.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AzureOperationIdTest {
  @Test
  void anIdIsAcceptedExactlyWhenItMatchesTheDocumentedPattern() {
    Pattern documented = Pattern.compile(AzureApi.ID_PATTERN);
    String alphabet = "aZ09._-/: ?#%é\u0000\u00a0";
    SplittableRandom random = new SplittableRandom(30);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder id = new StringBuilder();
      int length = i % 50 == 0 ? 120 + random.nextInt(20) : random.nextInt(8);
      for (int c = 0; c < length; c++) {
        id.append(c > 2 && random.nextInt(4) > 0 ? 'a' : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(AzureApi.INSTANCE.operationId(id.toString()).isPresent()).as(id.toString())
          .isEqualTo(documented.matcher(id).matches());
    }
  }

  @Test
  void aUuidAndTheLongestIdAreAcceptedAndOneLongerIsNot() {
    assertThat(AzureApi.INSTANCE.operationId("3f2c9a4e-0d1b-4c55-9a51-0f6d7e1c2b3a")).isPresent();
    assertThat(AzureApi.INSTANCE.operationId("a".repeat(128))).isPresent();
    assertThat(AzureApi.INSTANCE.operationId("a".repeat(129))).isEmpty();
    assertThat(AzureApi.INSTANCE.operationId("-a")).isEmpty();
    assertThat(AzureApi.INSTANCE.operationId("")).isEmpty();
  }
}
