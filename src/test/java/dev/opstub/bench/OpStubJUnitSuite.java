package dev.opstub.bench;

import dev.opstub.junit.Api;
import dev.opstub.junit.OpStubServer;
import dev.opstub.junit.OperationStub;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Benchmark 3's suite on OpStub: {@value SuitePolls#METHODS} methods, each a {@code @RepeatedTest}
 * of {@value SuitePolls#REPETITIONS}, so 200 test invocations, each with its own {@code
 * @OperationStub} and a fresh server state. Run by {@link JUnitOverheadBench} only (the name keeps
 * Surefire away from it).
 */
class OpStubJUnitSuite {

  @RepeatedTest(SuitePolls.REPETITIONS)
  @OperationStub(api = Api.FACE, id = "c0000000-0000-4000-8000-000000000001", timeline = "running x2, succeeded",
      resourceLocation = SuitePolls.LOCATION)
  void operation01(OpStubServer server) throws Exception {
    SuitePolls.pollToSuccess(server.faceEndpoint(), "c0000000-0000-4000-8000-000000000001");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  @OperationStub(api = Api.FACE, id = "c0000000-0000-4000-8000-000000000002", timeline = "running x2, succeeded",
      resourceLocation = SuitePolls.LOCATION)
  void operation02(OpStubServer server) throws Exception {
    SuitePolls.pollToSuccess(server.faceEndpoint(), "c0000000-0000-4000-8000-000000000002");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  @OperationStub(api = Api.FACE, id = "c0000000-0000-4000-8000-000000000003", timeline = "running x2, succeeded",
      resourceLocation = SuitePolls.LOCATION)
  void operation03(OpStubServer server) throws Exception {
    SuitePolls.pollToSuccess(server.faceEndpoint(), "c0000000-0000-4000-8000-000000000003");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  @OperationStub(api = Api.FACE, id = "c0000000-0000-4000-8000-000000000004", timeline = "running x2, succeeded",
      resourceLocation = SuitePolls.LOCATION)
  void operation04(OpStubServer server) throws Exception {
    SuitePolls.pollToSuccess(server.faceEndpoint(), "c0000000-0000-4000-8000-000000000004");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  @OperationStub(api = Api.FACE, id = "c0000000-0000-4000-8000-000000000005", timeline = "running x2, succeeded",
      resourceLocation = SuitePolls.LOCATION)
  void operation05(OpStubServer server) throws Exception {
    SuitePolls.pollToSuccess(server.faceEndpoint(), "c0000000-0000-4000-8000-000000000005");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  @OperationStub(api = Api.FACE, id = "c0000000-0000-4000-8000-000000000006", timeline = "running x2, succeeded",
      resourceLocation = SuitePolls.LOCATION)
  void operation06(OpStubServer server) throws Exception {
    SuitePolls.pollToSuccess(server.faceEndpoint(), "c0000000-0000-4000-8000-000000000006");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  @OperationStub(api = Api.FACE, id = "c0000000-0000-4000-8000-000000000007", timeline = "running x2, succeeded",
      resourceLocation = SuitePolls.LOCATION)
  void operation07(OpStubServer server) throws Exception {
    SuitePolls.pollToSuccess(server.faceEndpoint(), "c0000000-0000-4000-8000-000000000007");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  @OperationStub(api = Api.FACE, id = "c0000000-0000-4000-8000-000000000008", timeline = "running x2, succeeded",
      resourceLocation = SuitePolls.LOCATION)
  void operation08(OpStubServer server) throws Exception {
    SuitePolls.pollToSuccess(server.faceEndpoint(), "c0000000-0000-4000-8000-000000000008");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  @OperationStub(api = Api.FACE, id = "c0000000-0000-4000-8000-000000000009", timeline = "running x2, succeeded",
      resourceLocation = SuitePolls.LOCATION)
  void operation09(OpStubServer server) throws Exception {
    SuitePolls.pollToSuccess(server.faceEndpoint(), "c0000000-0000-4000-8000-000000000009");
  }

  @RepeatedTest(SuitePolls.REPETITIONS)
  @OperationStub(api = Api.FACE, id = "c0000000-0000-4000-8000-000000000010", timeline = "running x2, succeeded",
      resourceLocation = SuitePolls.LOCATION)
  void operation10(OpStubServer server) throws Exception {
    SuitePolls.pollToSuccess(server.faceEndpoint(), "c0000000-0000-4000-8000-000000000010");
  }
}
