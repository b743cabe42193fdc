package dev.opstub.examples;

import static dev.opstub.junit.OpStubAssertions.assertThatPolls;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpMethod;
import com.azure.core.util.BinaryData;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import dev.opstub.junit.Api;
import dev.opstub.junit.OpStubServer;
import dev.opstub.junit.OperationStub;
import dev.opstub.testing.AzureLroClient;
import org.junit.jupiter.api.Test;

/** azure-core's generic poller takes a snapshot against a timeline scripted by @OperationStub. */
class AzureSdkWithOperationStubTest {

  @Test
  @OperationStub(api = Api.FACE, timeline = "running x3, succeeded")
  void theSdkPollerFollowsTheAnnotatedTimelineForTheOperationItStarts(OpStubServer server) {
    AzureLroClient client = new AzureLroClient(server.faceEndpoint(), "test-key");

    SyncPoller<BinaryData, BinaryData> poller = client.begin(HttpMethod.POST, "/snapshots",
        "{\"type\":\"PersonGroup\",\"objectId\":\"my-group\",\"applyScope\":[\"e58b3f08-1e8b-4165-81df-aa9858f233dc\"]}");

    assertThat(poller.waitForCompletion().getStatus()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThatJson(poller.getFinalResult().toString()).node("type").isEqualTo("PersonGroup");
    String operationId = server.allPolls().get(0).operationId();
    assertThatPolls(server, Api.FACE, operationId)
        .wasServed("running", "running", "running", "succeeded")
        .stoppedPollingOnceTerminal()
        .sentSubscriptionKeyOnEveryPoll();
  }
}
