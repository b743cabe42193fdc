package dev.opstub.internal.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class MediaFormatTest {

  @ParameterizedTest(name = "Accept: {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "application/json;odata=minimalmetadata | JSON_LIGHT",
      "application/json                       | JSON_LIGHT",
      "*/*                                    | JSON_LIGHT",
      "application/*                          | JSON_LIGHT",
      "application/json;odata=fullmetadata    | JSON_LIGHT",
      "text/html                              | JSON_LIGHT",
      "application/json;odata=verbose         | VERBOSE",
      "Application/JSON; OData=Verbose        | VERBOSE",
      "application/json;odata=nometadata      | NO_METADATA",
      "application/atom+xml                   | ATOM",
      "application/xml                        | ATOM",
      "application/atom+xml,application/xml   | ATOM",
      "text/html, application/json;odata=verbose | VERBOSE",
      "application/json;odata=verbose;q=0.5, application/atom+xml | ATOM",
      "application/atom+xml;q=0, application/json;odata=nometadata | NO_METADATA",
  })
  void theAcceptHeaderPicksTheFormat(String accept, MediaFormat expected) {
    assertThat(MediaFormat.fromAccept(accept)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noAcceptHeaderMeansJsonLight(String accept) {
    assertThat(MediaFormat.fromAccept(accept)).isEqualTo(MediaFormat.JSON_LIGHT);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "JSON_LIGHT  | application/json;odata=minimalmetadata;streaming=true;charset=utf-8 | application/json;odata=minimalmetadata;streaming=true;charset=utf-8",
      "VERBOSE     | application/json;odata=verbose;charset=utf-8 | application/json;odata=verbose;charset=utf-8",
      "NO_METADATA | application/json;odata=nometadata;streaming=true;charset=utf-8 | application/json;odata=nometadata;streaming=true;charset=utf-8",
      "ATOM        | application/atom+xml;type=entry;charset=utf-8 | application/xml;charset=utf-8",
  })
  void eachFormatKnowsItsContentTypes(MediaFormat format, String entity, String error) {
    assertThat(format.contentType()).isEqualTo(entity);
    assertThat(format.errorContentType()).isEqualTo(error);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {";;;", ";", ",", ",,;q=", "application/json;;;odata=verbose;;", "*/*;q=abc", "\u0000"})
  void garbageAcceptHeadersFallBackToJsonLightInsteadOfFailing(String accept) {
    org.assertj.core.api.Assertions.assertThat(MediaFormat.fromAccept(accept)).isIn(MediaFormat.JSON_LIGHT, MediaFormat.VERBOSE);
  }
}
