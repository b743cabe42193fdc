package dev.opstub.internal.media;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opstub.spi.Reply;
import org.junit.jupiter.api.Test;

class MediaErrorsTest {

  @Test
  void jsonLightAndNoMetadataErrorsAreODataErrorObjects() {
    for (MediaFormat format : new MediaFormat[] {MediaFormat.JSON_LIGHT, MediaFormat.NO_METADATA}) {
      Reply reply = MediaErrors.error(format, 404, "OperationNotFound", "gone");

      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.headers()).containsEntry("Content-Type", format.contentType());
      assertThatJson(reply.body()).isEqualTo(
          "{\"odata.error\":{\"code\":\"OperationNotFound\",\"message\":{\"lang\":\"en-US\",\"value\":\"gone\"}}}");
    }
  }

  @Test
  void verboseErrorsAreUnderError() {
    Reply reply = MediaErrors.error(MediaFormat.VERBOSE, 400, "BadRequest", "say \"why\"");

    assertThat(reply.headers()).containsEntry("Content-Type", "application/json;odata=verbose;charset=utf-8");
    assertThatJson(reply.body()).isEqualTo(
        "{\"error\":{\"code\":\"BadRequest\",\"message\":{\"lang\":\"en-US\",\"value\":\"say \\\"why\\\"\"}}}");
  }

  @Test
  void atomClientsGetAnEscapedXmlError() {
    Reply reply = MediaErrors.error(MediaFormat.ATOM, 400, "BadRequest", "<a> & 'b' \"c\"");

    assertThat(reply.headers()).containsEntry("Content-Type", "application/xml;charset=utf-8");
    assertThat(reply.body())
        .startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        .contains("<m:error xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">")
        .contains("<m:code>BadRequest</m:code>")
        .contains("<m:message xml:lang=\"en-US\">&lt;a&gt; &amp; &apos;b&apos; &quot;c&quot;</m:message>")
        .endsWith("</m:error>");
  }

  @Test
  void whatXmlCannotCarryIsMarkedWithU_FFFDAndLineBreaksSurviveParsing() {
    Reply reply = MediaErrors.error(MediaFormat.ATOM, 400, "BadRequest", "a\u0001b\r\nc");

    assertThat(reply.body()).contains("<m:message xml:lang=\"en-US\">a\ufffdb&#xD;&#xA;c</m:message>");
  }

  @Test
  void everyErrorCarriesTheServiceHeadersWithAFreshRequestId() {
    Reply first = MediaErrors.forStatus(MediaFormat.JSON_LIGHT, 503);
    Reply second = MediaErrors.forStatus(MediaFormat.JSON_LIGHT, 503);

    assertThat(first.headers()).containsEntry("DataServiceVersion", "3.0;")
        .containsEntry("X-Content-Type-Options", "nosniff").containsEntry("Cache-Control", "no-cache");
    assertThat(first.headers().get("request-id")).isEqualTo(first.headers().get("x-ms-request-id"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        .isNotEqualTo(second.headers().get("request-id"));
  }

  @Test
  void theHelpersAnswerTheirStatusAndCode() {
    assertReply(MediaErrors.unauthorized(MediaFormat.JSON_LIGHT), 401, "AuthenticationFailed");
    assertThat(MediaErrors.unauthorized(MediaFormat.JSON_LIGHT).headers()).containsEntry("WWW-Authenticate", "Bearer");
    assertReply(MediaErrors.missingVersion(MediaFormat.JSON_LIGHT), 400, "BadRequest");
    assertReply(MediaErrors.invalidIdentifier(MediaFormat.JSON_LIGHT, "operation", "42", MediaIds.OPERATION_PREFIX),
        400, "InvalidIdentifierFormat");
    assertReply(MediaErrors.operationNotFound(MediaFormat.JSON_LIGHT, "nb:opid:UUID:x"), 404, "OperationNotFound");
    assertReply(MediaErrors.resourceNotFound(MediaFormat.JSON_LIGHT, "no"), 404, "ResourceNotFound");
    assertReply(MediaErrors.badRequest(MediaFormat.JSON_LIGHT, "no"), 400, "BadRequest");
    assertReply(MediaErrors.forStatus(MediaFormat.JSON_LIGHT, 503), 503, "ServerBusy");
    assertThatJson(MediaErrors.forStatus(MediaFormat.JSON_LIGHT, 503).body())
        .inPath("$['odata.error'].message.value").asString().startsWith("Server is busy");
    assertThat(MediaErrors.methodNotAllowed(MediaFormat.JSON_LIGHT, "no", "GET").headers())
        .containsEntry("Allow", "GET");
  }

  @Test
  void theMissingVersionMessageNamesTheHeader() {
    assertThatJson(MediaErrors.missingVersion(MediaFormat.VERBOSE).body())
        .inPath("error.message.value").asString().contains("x-ms-version");
  }

  private static void assertReply(Reply reply, int status, String code) {
    assertThat(reply.status()).isEqualTo(status);
    assertThatJson(reply.body()).inPath("$['odata.error'].code").isEqualTo(code);
  }
}
