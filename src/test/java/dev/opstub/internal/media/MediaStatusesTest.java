package dev.opstub.internal.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opstub.internal.timeline.TimelineException;
import dev.opstub.internal.timeline.TimelineParser;
import dev.opstub.spi.Phase;
import dev.opstub.spi.Step;
import dev.opstub.spi.Timeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MediaStatusesTest {

  @Test
  void theThreeStatesParseIgnoringCaseAndAreKeptInMediaSpelling() {
    Timeline timeline = TimelineParser.parse("inprogress x2, INPROGRESS, succeeded", MediaStatuses.INSTANCE);

    assertThat(timeline.steps()).extracting(Step::status).containsExactly("InProgress", "InProgress", "Succeeded");
    assertThat(timeline.steps()).extracting(Step::phase)
        .containsExactly(Phase.RUNNING, Phase.RUNNING, Phase.SUCCEEDED);
    assertThat(TimelineParser.parse("FAILED", MediaStatuses.INSTANCE).step(0))
        .extracting(Step::status, Step::phase).containsExactly("Failed", Phase.FAILED);
  }

  @Test
  void vocabularyDescribesTheMediaServicesApi() {
    assertThat(MediaStatuses.INSTANCE.apiName()).isEqualTo("Media Services API");
    assertThat(MediaStatuses.INSTANCE.statusNames()).containsExactly("InProgress", "Succeeded", "Failed");
    assertThat(TimelineParser.parse(MediaStatuses.INSTANCE.example(), MediaStatuses.INSTANCE).notation())
        .isEqualTo("InProgress x2, Succeeded");
  }

  @Test
  void faceStatusesAreNotMediaStatuses() {
    assertThatThrownBy(() -> TimelineParser.parse("running, succeeded", MediaStatuses.INSTANCE))
        .isInstanceOf(TimelineException.class)
        .hasMessageContaining("unknown status 'running' for the Media Services API")
        .hasMessageContaining("InProgress, Succeeded, Failed");
  }

  @ParameterizedTest
  @EnumSource(MediaErrorCode.class)
  void everyErrorCodeIsAcceptedAsAFailedDetailInAnyCase(MediaErrorCode code) {
    String written = code.code().toLowerCase(java.util.Locale.ROOT);

    Timeline timeline = TimelineParser.parse("InProgress, Failed(" + written + ")", MediaStatuses.INSTANCE);

    assertThat(MediaFailure.parse(timeline.step(1).detail()))
        .isEqualTo(new MediaFailure(code, code.defaultMessage()));
  }

  @Test
  void aFailedDetailMayCarryItsOwnMessage() {
    Timeline timeline = TimelineParser.parse("InProgress, Failed(Timeout: The operation did not finish in time)",
        MediaStatuses.INSTANCE);

    assertThat(MediaFailure.parse(timeline.step(1).detail()))
        .isEqualTo(new MediaFailure(MediaErrorCode.Timeout, "The operation did not finish in time"));
  }

  @Test
  void aMisspeltCodeIsRejectedListingAllFourteenCodes() {
    assertThatThrownBy(() -> TimelineParser.parse("InProgress x3, Failed(InsufficentCapacity)", MediaStatuses.INSTANCE))
        .isInstanceOf(TimelineException.class)
        .hasMessageContaining("column 23")
        .hasMessageContaining("unknown Media Services error code 'InsufficentCapacity'")
        .hasMessageContaining("BadRequest, InsufficientCapacity, InternalError, InvalidIdentifierFormat, "
            + "InvalidOperation, InvalidResourceName, OperationInProgress, OperationNotFound, ResourceNameTaken, "
            + "ResourceNotFound, ExceededResourceQuota, Timeout, DeleteNotAllowedOnDefaultOrigin, "
            + "SettingsUpdateInProgress");
  }

  @Test
  void aMisspeltCodeInTheJsonFormIsRejectedToo() {
    List<Object> steps = List.of("InProgress", Map.of("status", "Failed", "code", "Timout", "message", "slow"));

    assertThatThrownBy(() -> TimelineParser.parseJson(steps, MediaStatuses.INSTANCE))
        .isInstanceOf(TimelineException.class)
        .hasMessageContaining("step 2")
        .hasMessageContaining("'Timout'")
        .hasMessageContaining("SettingsUpdateInProgress");
  }

  @Test
  void theJsonFormJoinsCodeAndMessage() {
    List<Object> steps = List.of(Map.of("status", "Failed", "code", "timeout", "message", "slow"));

    Timeline timeline = TimelineParser.parseJson(steps, MediaStatuses.INSTANCE);

    assertThat(MediaFailure.parse(timeline.step(0).detail()))
        .isEqualTo(new MediaFailure(MediaErrorCode.Timeout, "slow"));
  }

  @Test
  void onlyFailedTakesADetail() {
    assertThatThrownBy(() -> TimelineParser.parse("InProgress(Timeout), Succeeded", MediaStatuses.INSTANCE))
        .isInstanceOf(TimelineException.class)
        .hasMessageContaining("only 'Failed' takes a detail");
    assertThat(MediaStatuses.INSTANCE.checkDetail(Phase.SUCCEEDED, "BadRequest")).isNotNull();
  }

  @Test
  void failedWithoutDetailMeansBadRequestWithItsDefaultMessage() {
    Timeline timeline = TimelineParser.parse("InProgress, Failed", MediaStatuses.INSTANCE);

    assertThat(timeline.step(1).detail()).isNull();
    assertThat(MediaFailure.parse(timeline.step(1).detail()))
        .isEqualTo(new MediaFailure(MediaErrorCode.BadRequest, MediaErrorCode.BadRequest.defaultMessage()));
  }

  @Test
  void phasesAreServedAsMediaStates() {
    assertThat(MediaStatuses.stateOf(Phase.NOT_STARTED)).isEqualTo("InProgress");
    assertThat(MediaStatuses.stateOf(Phase.RUNNING)).isEqualTo("InProgress");
    assertThat(MediaStatuses.stateOf(Phase.SUCCEEDED)).isEqualTo("Succeeded");
    assertThat(MediaStatuses.stateOf(Phase.FAILED)).isEqualTo("Failed");
  }
}
