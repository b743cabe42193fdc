package dev.opstub.internal.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MediaErrorCodeTest {

  @Test
  void theFourteenCodesAreInTheOrderOfTheReferenceTable() {
    assertThat(MediaErrorCode.all()).extracting(MediaErrorCode::code).containsExactly(
        "BadRequest", "InsufficientCapacity", "InternalError", "InvalidIdentifierFormat", "InvalidOperation",
        "InvalidResourceName", "OperationInProgress", "OperationNotFound", "ResourceNameTaken",
        "ResourceNotFound", "ExceededResourceQuota", "Timeout", "DeleteNotAllowedOnDefaultOrigin",
        "SettingsUpdateInProgress");
    assertThat(MediaErrorCode.byNumber(1)).isEqualTo(MediaErrorCode.BadRequest);
    assertThat(MediaErrorCode.byNumber(14)).isEqualTo(MediaErrorCode.SettingsUpdateInProgress);
    assertThatThrownBy(() -> MediaErrorCode.byNumber(15)).hasMessageContaining("1..14");
  }

  @Test
  void codesAreLookedUpIgnoringCaseAndServedInTheirCanonicalSpelling() {
    assertThat(MediaErrorCode.of("deletenotallowedondefaultorigin"))
        .hasValue(MediaErrorCode.DeleteNotAllowedOnDefaultOrigin);
    assertThat(MediaErrorCode.of(" TIMEOUT ")).hasValue(MediaErrorCode.Timeout);
    assertThat(MediaErrorCode.of("TimedOut")).isEmpty();
    assertThat(MediaErrorCode.of(null)).isEmpty();
  }

  @Test
  void everyCodeHasItsOwnEnglishDefaultMessage() {
    assertThat(MediaErrorCode.values()).allSatisfy(code ->
        assertThat(code.defaultMessage()).isNotBlank().endsWith("."));
    assertThat(Arrays.stream(MediaErrorCode.values()).map(MediaErrorCode::defaultMessage).distinct())
        .hasSize(14);
    assertThat(MediaErrorCode.InsufficientCapacity.defaultMessage()).containsIgnoringCase("capacity");
    assertThat(MediaErrorCode.DeleteNotAllowedOnDefaultOrigin.defaultMessage()).contains("default Origin");
  }

  @Test
  void aDetailIsReadAsCodeAndOptionalMessage() {
    assertThat(MediaFailure.parse("internalerror")).isEqualTo(
        new MediaFailure(MediaErrorCode.InternalError, MediaErrorCode.InternalError.defaultMessage()));
    assertThat(MediaFailure.parse("Timeout:  Gave up: after 30 min ")).isEqualTo(
        new MediaFailure(MediaErrorCode.Timeout, "Gave up: after 30 min"));
    assertThat(MediaFailure.parse("Timeout:")).isEqualTo(
        new MediaFailure(MediaErrorCode.Timeout, MediaErrorCode.Timeout.defaultMessage()));
    assertThat(MediaFailure.parse(null)).isEqualTo(MediaFailure.unspecified());
    assertThat(MediaFailure.parse("Timeout: slow").detail()).isEqualTo("Timeout: slow");
  }

  @Test
  void aDetailWithAnUnknownCodeIsRefusedByParseAndKeptAsBadRequestByLenient() {
    assertThatThrownBy(() -> MediaFailure.parse("Source group was edited"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Source group was edited'");
    assertThat(MediaFailure.lenient("Source group was edited"))
        .isEqualTo(new MediaFailure(MediaErrorCode.BadRequest, "Source group was edited"));
    assertThat(MediaFailure.lenient("Timeout: slow"))
        .isEqualTo(new MediaFailure(MediaErrorCode.Timeout, "slow"));
  }
}
