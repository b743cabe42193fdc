package dev.opstub.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.opstub.internal.api.Apis;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Misuse fails fast with a message naming the annotation and what is allowed. */
class MisuseTest {

  private static Throwable failureOf(Class<?> testClass) {
    List<Event> failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute()
        .allEvents().failed().list();
    assertThat(failed).as("a failure of %s", testClass.getSimpleName()).isNotEmpty();
    return failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
  }

  static class BadTimeline {
    @Test
    @OperationStub(api = Api.FACE, timeline = "running x0, succeeded")
    void test() {}
  }

  @Test
  void anInvalidTimelineNamesTheAnnotationTheMethodAndThePosition() {
    assertThat(failureOf(BadTimeline.class)).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("@OperationStub(api = FACE, timeline = \"running x0, succeeded\") on method BadTimeline.test")
        .hasMessageContaining("at column 10: a count must be at least 1");
  }

  private static final String TEN = "running, running, running, running, running, running, running, running, "
      + "running, running, ";
  private static final String HUNDRED = TEN + TEN + TEN + TEN + TEN + TEN + TEN + TEN + TEN + TEN;
  private static final String THOUSAND = HUNDRED + HUNDRED + HUNDRED + HUNDRED + HUNDRED + HUNDRED + HUNDRED + HUNDRED
      + HUNDRED + HUNDRED;

  static class TooManySteps {
    @Test
    @OperationStub(api = Api.FACE, timeline = THOUSAND + "succeeded")
    void test() {}
  }

  @Test
  void aTimelineOfMoreThanTheDocumentedStepsIsRefusedNamingTheBound() {
    assertThat(failureOf(TooManySteps.class)).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("on method TooManySteps.test")
        .hasMessageContaining("a timeline may have at most 1000 steps");
  }

  static class MediaStatusOnFace {
    @Test
    @OperationStub(api = Api.FACE, id = "0e0e0e0e-0000-4000-8000-000000000001", timeline = "InProgress, Succeeded")
    void test() {}
  }

  @Test
  void aMediaStatusOnAFaceStubListsTheFaceStatuses() {
    assertThat(failureOf(MediaStatusOnFace.class)).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("unknown status 'InProgress' for the Face API; expected one of notStarted, running, succeeded, failed");
  }

  @OperationStub(api = Api.MEDIA, id = "0e0e0e0e-0000-4000-8000-000000000001", timeline = "InProgress")
  static class FaceIdOnMedia {
    @Test
    void test() {}
  }

  @Test
  void anIdInTheWrongFormatForItsApiSaysWhatIsAllowed() {
    assertThat(failureOf(FaceIdOnMedia.class)).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("on class " + FaceIdOnMedia.class.getName())
        .hasMessageContaining("a Media Services API operation id is nb:opid:UUID:<guid>");
  }

  static class WrongExtra {
    @Test
    @OperationStub(api = Api.FACE, timeline = "running", targetEntityId = "nb:chid:UUID:x")
    void test() {}
  }

  @Test
  void anExtraOfTheOtherApiIsRefused() {
    assertThat(failureOf(WrongExtra.class)).hasMessageContaining("targetEntityId is not a field of a Face API operation; it takes resourceLocation");
  }

  static class UnknownApiName {
    @Test
    @OperationStub(apiName = "fax", timeline = "running")
    void test() {}
  }

  @Test
  void anUnknownApiNameListsTheApisThePackServes() {
    assertThat(failureOf(UnknownApiName.class)).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("@OperationStub(apiName = \"fax\", timeline = \"running\")")
        .hasMessageContaining("no API is named \"fax\"; allowed: " + Apis.builtIn().names());
  }

  static class NoApi {
    @Test
    @OperationStub(timeline = "running")
    void test() {}
  }

  @Test
  void aStubThatNamesNoApiSaysToGiveOne() {
    assertThat(failureOf(NoApi.class)).hasMessageContaining("names no API; give apiName, one of: " + Apis.builtIn().names());
  }

  static class TwoApis {
    @Test
    @OperationStub(api = Api.FACE, apiName = "media", timeline = "running")
    void test() {}
  }

  @Test
  void aConstantAndANameOfTwoDifferentApisAreRefused() {
    assertThat(failureOf(TwoApis.class)).hasMessageContaining("api = Api.FACE and apiName = \"media\" name different APIs");
  }

  static class UnknownParameter {
    @Test
    @OperationStub(apiName = "face", timeline = "running", with = "targetEntityId=nb:chid:UUID:x")
    void test() {}
  }

  @Test
  void aParameterTheApiDoesNotTakeListsTheOnesItTakes() {
    assertThat(failureOf(UnknownParameter.class)).hasMessageContaining("with names \"targetEntityId\", which a Face API "
        + "stub does not take; allowed: expireAfter, refuse, resourceLocation, retryAfter");
  }

  static class NotNameValue {
    @Test
    @OperationStub(apiName = "face", timeline = "running", with = "resourceLocation")
    void test() {}
  }

  @Test
  void aParameterWithoutAValueSaysTheForm() {
    assertThat(failureOf(NotNameValue.class)).hasMessageContaining("with entry \"resourceLocation\" is not name=value");
  }

  static class BadParameterValue {
    @Test
    @OperationStub(apiName = "face", timeline = "running", with = "refuse=sometimes")
    void test() {}
  }

  @Test
  void aParameterValueTheApiRefusesFailsBeforeAnyPoll() {
    assertThat(failureOf(BadParameterValue.class)).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("refuse must be 409 or 429; was \"sometimes\"");
  }

  static class ParameterOfAnotherCall {
    @Test
    @OperationStub(apiName = "face", id = "0e0e0e0e-0000-4000-8000-000000000001", timeline = "running", with = "refuse=409")
    void test() {}
  }

  @Test
  void aParameterNoneOfTheStubsCallsTakesIsRefusedNotIgnored() {
    assertThat(failureOf(ParameterOfAnotherCall.class)).hasMessageContaining("refuse is not taken by a Face API stub "
        + "for one operation id; it takes expireAfter, resourceLocation, retryAfter, timeline");
  }

  static class TwoStubsOneId {
    @Test
    @OperationStub(api = Api.FACE, id = "0e0e0e0e-0000-4000-8000-000000000001", timeline = "running")
    @OperationStub(api = Api.FACE, id = "0E0E0E0E-0000-4000-8000-000000000001", timeline = "succeeded")
    void test() {}
  }

  @Test
  void twoStubsClaimingTheSameIdAreRefusedNamingBoth() {
    assertThat(failureOf(TwoStubsOneId.class)).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("timeline = \"succeeded\"")
        .hasMessageContaining("claims the same operation as @OperationStub(api = FACE, id = \"0e0e0e0e-0000-4000-8000-000000000001\", timeline = \"running\")");
  }

  static class UnsupportedParameter {
    @Test
    @OperationStub(api = Api.FACE, timeline = "running")
    void test(dev.opstub.internal.timeline.OperationStore store) {}
  }

  @Test
  void anUnsupportedParameterTypeSaysWhatCanBeInjected() {
    assertThat(failureOf(UnsupportedParameter.class)).isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining("cannot inject a OperationStore into parameter")
        .hasMessageContaining("it injects OpStubServer only");
  }

  @OperationStub(api = Api.FACE, timeline = "running")
  static class StaticInjection {
    @BeforeAll
    static void setUp(OpStubServer server) {}

    @Test
    void test() {}
  }

  @Test
  void theHandleCannotGoIntoBeforeAll() {
    assertThat(failureOf(StaticInjection.class)).isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining("cannot be injected into static method setUp");
  }

  @OperationStub(api = Api.FACE, timeline = "running")
  static class WireMockWithoutPack {
    @org.junit.jupiter.api.extension.RegisterExtension
    static com.github.tomakehurst.wiremock.junit5.WireMockExtension wm =
        com.github.tomakehurst.wiremock.junit5.WireMockExtension.newInstance().build();

    @Test
    void test() {}
  }

  @Test
  void anAttachedWireMockExtensionWithoutThePackSaysHowToAddIt() {
    assertThat(failureOf(WireMockWithoutPack.class)).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("found the static WireMockExtension field 'wm' but no static OpStubExtensions field")
        .hasMessageContaining(".extensions(opstub)");
  }
}
