package dev.opstub.internal.media;

import static dev.opstub.internal.http.JsonText.json;
import static dev.opstub.internal.http.JsonText.jsonOrNull;
import static dev.opstub.internal.http.JsonText.truthy;

import java.util.Map;

/**
 * The shipped Operation entity templates ({@code opstub/media/operation*.json}, {@code
 * operation.atom.xml}), written directly (see {@code BodyWriter}).
 */
final class MediaBodies {
  private MediaBodies() {}

  static String jsonLight(Map<String, Object> operation) {
    return properties(new StringBuilder(400).append("{\n  \"odata.metadata\": ")
        .append(json(operation.get("metadataUrl"))).append(",\n  "), operation, "\n  ").append("\n}\n").toString();
  }

  static String noMetadata(Map<String, Object> operation) {
    return properties(new StringBuilder(300).append("{\n  "), operation, "\n  ").append("\n}\n").toString();
  }

  static String verbose(Map<String, Object> operation) {
    Object url = operation.get("entityUrl");
    StringBuilder out = new StringBuilder(520).append("{\n  \"d\": {\n    \"__metadata\": {\n      \"id\": ")
        .append(json(url)).append(",\n      \"uri\": ").append(json(url)).append(",\n      \"type\": \"")
        .append(MediaOperations.ENTITY_TYPE).append("\"\n    },\n    ");
    return properties(out, operation, "\n    ").append("\n  }\n}\n").toString();
  }

  /** Id, State, TargetEntityId, ErrorCode, ErrorMessage; each after the first on a new line. */
  private static StringBuilder properties(StringBuilder out, Map<String, Object> operation, String newLine) {
    return out.append("\"Id\": ").append(json(operation.get("id")))
        .append(',').append(newLine).append("\"State\": ").append(json(operation.get("state")))
        .append(',').append(newLine).append("\"TargetEntityId\": ").append(jsonOrNull(operation.get("targetEntityId")))
        .append(',').append(newLine).append("\"ErrorCode\": ").append(jsonOrNull(operation.get("errorCode")))
        .append(',').append(newLine).append("\"ErrorMessage\": ").append(jsonOrNull(operation.get("errorMessage")));
  }

  static String atom(Map<String, Object> operation) {
    @SuppressWarnings("unchecked")
    Map<String, Object> xml = (Map<String, Object>) operation.get("xml");
    StringBuilder out = new StringBuilder(1400).append("""
        <?xml version="1.0" encoding="utf-8"?>
        <entry xml:base=\"""").append(text(xml, "apiBase")).append("""
        " xmlns="http://www.w3.org/2005/Atom" \
        xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices" \
        xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">
          <id>""").append(text(xml, "entityUrl")).append("""
        </id>
          <category term="Microsoft.Cloud.Media.Vod.Rest.Data.Models.Operation" \
        scheme="http://schemas.microsoft.com/ado/2007/08/dataservices/scheme" />
          <link rel="edit" title="Operation" href=\"""").append(text(xml, "editLink")).append("""
        " />
          <title />
          <updated>""").append(text(xml, "updated")).append("""
        </updated>
          <author>
            <name />
          </author>
          <content type="application/xml">
            <m:properties>
              <d:Id>""").append(text(xml, "id")).append("""
        </d:Id>
              <d:State>""").append(text(xml, "state")).append("</d:State>\n");
    element(out, operation, xml, "targetEntityId", "TargetEntityId");
    element(out, operation, xml, "errorCode", "ErrorCode");
    element(out, operation, xml, "errorMessage", "ErrorMessage");
    return out.append("    </m:properties>\n  </content>\n</entry>\n").toString();
  }

  /** {@code {{#if operation.x}}<d:X>{{{operation.xml.x}}}</d:X>{{else}}<d:X m:null="true" />{{/if}}}. */
  private static void element(StringBuilder out, Map<String, Object> operation, Map<String, Object> xml, String name,
      String element) {
    out.append("      ");
    if (truthy(operation.get(name))) {
      out.append("<d:").append(element).append('>').append(text(xml, name)).append("</d:").append(element).append('>');
    } else {
      out.append("<d:").append(element).append(" m:null=\"true\" />");
    }
    out.append('\n');
  }

  private static String text(Map<String, Object> xml, String name) {
    Object value = xml == null ? null : xml.get(name);
    return value == null ? "" : value.toString();
  }
}
