package dev.opstub.internal.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * What a recording keeps of one body: the body itself up to {@link #MAX_BYTES}; past that, what a
 * timeline can be read from (a status, a message, a target) without holding the body: the short
 * values found in its first {@link #MAX_BYTES}, as a small JSON object or XML document, each cut at
 * {@link #MAX_VALUE_CHARS} characters.
 *
 * <pre>{@code
 * Bodies.Kept kept = Bodies.keep(stream, "application/json");
 * kept.text(); // the body, or {"status":"running","padding":"xxxx...(cut)"} for a 50 MB one
 * kept.cut();  // null, or what was cut, for a note
 * }</pre>
 */
public final class Bodies {
  /** The most bytes of a body kept as it is. */
  public static final int MAX_BYTES = 1024 * 1024;
  /** The most characters of one value kept from a body over {@link #MAX_BYTES}. */
  static final int MAX_VALUE_CHARS = 4096;
  /** The most values kept from a body over {@link #MAX_BYTES}. */
  private static final int MAX_VALUES = 256;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Bodies() {}

  /**
   * What is kept of a body.
   *
   * @param text the body as text, or its short values when it was over {@link #MAX_BYTES}
   * @param cut what was left out, for a note; {@code null} when the body is whole
   */
  public record Kept(String text, String cut) {}

  /**
   * Reads at most {@link #MAX_BYTES} + 1 bytes of {@code body}, never more.
   *
   * @param contentType the body's {@code Content-Type}, or {@code null}
   */
  public static Kept keep(InputStream body, String contentType) throws IOException {
    byte[] first = body.readNBytes(MAX_BYTES + 1);
    if (first.length <= MAX_BYTES) {
      return new Kept(new String(first, StandardCharsets.UTF_8), null);
    }
    byte[] prefix = java.util.Arrays.copyOf(first, MAX_BYTES);
    boolean xml = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("xml");
    String text = xml ? xmlValues(prefix) : jsonValues(prefix);
    return new Kept(text, "a body over the " + MAX_BYTES / 1024 + " KiB a recording keeps of one; kept the values of "
        + "its first " + MAX_BYTES / 1024 + " KiB up to " + MAX_VALUE_CHARS + " characters each, which is what a "
        + "timeline reads (a status, a message, a target)");
  }

  /** {@link #keep(InputStream, String)} of bytes in memory. */
  public static Kept keep(byte[] body, String contentType) {
    try {
      return keep(new ByteArrayInputStream(body == null ? new byte[0] : body), contentType);
    } catch (IOException e) {
      throw new IllegalStateException(e); // a byte array does not fail
    }
  }

  /**
   * The scalar values of the objects in {@code prefix} (top level and nested objects; arrays are
   * left out), in their places, until the prefix ends.
   */
  static String jsonValues(byte[] prefix) {
    ObjectNode root = JSON.createObjectNode();
    Deque<ObjectNode> objects = new ArrayDeque<>();
    int values = 0;
    try (JsonParser parser = new JsonFactory().createParser(prefix)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return "{}";
      }
      objects.push(root);
      for (JsonToken token = parser.nextToken(); token != null && !objects.isEmpty() && values < MAX_VALUES;
          token = parser.nextToken()) {
        if (token == JsonToken.END_OBJECT) {
          objects.pop();
          continue;
        }
        String name = parser.currentName();
        token = parser.nextToken();
        if (token == JsonToken.START_OBJECT) {
          objects.push(objects.peek().putObject(name));
        } else if (token == JsonToken.START_ARRAY) {
          parser.skipChildren();
        } else if (token == JsonToken.VALUE_STRING) {
          objects.peek().put(name, cut(parser.getText()));
          values++;
        } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
          objects.peek().put(name, cut(parser.getText()));
          values++;
        } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
          objects.peek().put(name, token == JsonToken.VALUE_TRUE);
          values++;
        } else if (token == JsonToken.VALUE_NULL) {
          objects.peek().putNull(name);
        }
      }
    } catch (IOException | RuntimeException endOfPrefix) {
      // the prefix ends inside the body (or the body is not JSON): what was read so far is kept
    }
    return root.toString();
  }

  /** A leaf element of an XML body: its name, attributes and text. */
  private record Leaf(String namespace, String prefix, String name, Map<String, String[]> attributes, String text) {}

  /**
   * The leaf elements (elements holding text only) of the XML in {@code prefix}, with their
   * namespaces and attributes, as children of one {@code <values>} element, until the prefix ends.
   */
  static String xmlValues(byte[] prefix) {
    List<Leaf> leaves = new ArrayList<>();
    try {
      XMLInputFactory factory = XMLInputFactory.newFactory();
      // A recorded body is outside input: no DTDs, no external entities.
      factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(prefix));
      Leaf open = null;
      StringBuilder text = new StringBuilder();
      while (reader.hasNext() && leaves.size() < MAX_VALUES) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          Map<String, String[]> attributes = new LinkedHashMap<>();
          for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(reader.getAttributeLocalName(i), new String[] {reader.getAttributeNamespace(i),
                reader.getAttributePrefix(i), cut(reader.getAttributeValue(i))});
          }
          open = new Leaf(reader.getNamespaceURI(), reader.getPrefix(), reader.getLocalName(), attributes, null);
          text.setLength(0);
        } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && open != null) {
          if (text.length() < MAX_VALUE_CHARS) {
            text.append(reader.getText(), 0, Math.min(reader.getTextLength(), MAX_VALUE_CHARS - text.length() + 1));
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (open != null) {
            leaves.add(new Leaf(open.namespace(), open.prefix(), open.name(), open.attributes(), cut(text.toString())));
          }
          open = null;
        }
      }
    } catch (XMLStreamException | RuntimeException endOfPrefix) {
      // the prefix ends inside the body (or the body is not XML): what was read so far is kept
    }
    return xml(leaves);
  }

  private static String xml(List<Leaf> leaves) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter writer = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      writer.writeStartElement("values");
      for (Leaf leaf : leaves) {
        String prefix = leaf.prefix() == null ? "" : leaf.prefix();
        String namespace = leaf.namespace() == null ? "" : leaf.namespace();
        writer.writeStartElement(prefix, leaf.name(), namespace);
        writer.writeNamespace(prefix, namespace);
        for (Map.Entry<String, String[]> attribute : leaf.attributes().entrySet()) {
          String[] parts = attribute.getValue();
          if (parts[0] == null || parts[0].isEmpty()) {
            writer.writeAttribute(attribute.getKey(), parts[2]);
          } else {
            writer.writeNamespace(parts[1], parts[0]);
            writer.writeAttribute(parts[1], parts[0], attribute.getKey(), parts[2]);
          }
        }
        writer.writeCharacters(leaf.text());
        writer.writeEndElement();
      }
      writer.writeEndElement();
      writer.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e); // writing to a string does not fail
    }
    return out.toString();
  }

  private static String cut(String value) {
    return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS) + "...(cut)";
  }
}
