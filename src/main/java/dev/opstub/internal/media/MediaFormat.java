package dev.opstub.internal.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The OData v3 payload format a Media Services client asked for in its {@code Accept} header.
 *
 * <p>Negotiation: the media ranges of {@code Accept} are tried by falling quality ({@code q}),
 * ties in the order written; ranges with {@code q=0} are skipped. {@code application/json} with
 * {@code odata=verbose} or {@code odata=nometadata} picks that format; {@code application/json}
 * with any other or no {@code odata} parameter (including {@code fullmetadata}), {@code
 * application/*} and {@code *}{@code /*} pick JSON light; {@code application/atom+xml} and {@code
 * application/xml} pick Atom. When nothing is recognised, or there is no {@code Accept}, the
 * answer is JSON light (OpStub never answers 406).
 *
 * <pre>{@code
 * MediaFormat.fromAccept("application/json;odata=verbose");  // VERBOSE
 * MediaFormat.fromAccept(null).contentType();
 * // "application/json;odata=minimalmetadata;streaming=true;charset=utf-8"
 * }</pre>
 */
public enum MediaFormat {
  JSON_LIGHT("application/json;odata=minimalmetadata;streaming=true;charset=utf-8"),
  VERBOSE("application/json;odata=verbose;charset=utf-8"),
  NO_METADATA("application/json;odata=nometadata;streaming=true;charset=utf-8"),
  ATOM("application/atom+xml;type=entry;charset=utf-8");

  /** Content-Type of an OData error in XML, the Atom format's error body. */
  public static final String XML_ERROR_CONTENT_TYPE = "application/xml;charset=utf-8";

  private final String contentType;

  MediaFormat(String contentType) {
    this.contentType = contentType;
  }

  /** Content-Type of an entity in this format. */
  public String contentType() {
    return contentType;
  }

  /** Content-Type of an error body in this format ({@code application/xml} for Atom). */
  public String errorContentType() {
    return this == ATOM ? XML_ERROR_CONTENT_TYPE : contentType;
  }

  /** The format for an {@code Accept} header value; {@code null} or blank means JSON light. */
  public static MediaFormat fromAccept(String accept) {
    if (accept == null || accept.isBlank()) {
      return JSON_LIGHT;
    }
    List<Range> ranges = new ArrayList<>();
    String[] parts = accept.split(",");
    for (int i = 0; i < parts.length; i++) {
      Range range = Range.parse(parts[i], i);
      if (range != null && range.q > 0) {
        ranges.add(range);
      }
    }
    ranges.sort(Comparator.comparingDouble((Range r) -> -r.q).thenComparingInt(r -> r.order));
    for (Range range : ranges) {
      MediaFormat format = range.format();
      if (format != null) {
        return format;
      }
    }
    return JSON_LIGHT;
  }

  /** One media range of an Accept header, reduced to what negotiation needs. */
  private record Range(String type, String odata, double q, int order) {

    static Range parse(String text, int order) {
      String[] pieces = text.split(";");
      if (pieces.length == 0) {
        return null; // ";;;" splits into nothing
      }
      String type = pieces[0].trim().toLowerCase(Locale.ROOT);
      if (type.isEmpty()) {
        return null;
      }
      String odata = null;
      double q = 1;
      for (int i = 1; i < pieces.length; i++) {
        String[] nameValue = pieces[i].split("=", 2);
        String name = nameValue[0].trim().toLowerCase(Locale.ROOT);
        String value = nameValue.length > 1 ? nameValue[1].trim().toLowerCase(Locale.ROOT) : "";
        if (name.equals("odata")) {
          odata = value;
        } else if (name.equals("q")) {
          try {
            q = Double.parseDouble(value);
          } catch (NumberFormatException e) {
            q = 1;
          }
        }
      }
      return new Range(type, odata, q, order);
    }

    MediaFormat format() {
      return switch (type) {
        case "application/json" -> "verbose".equals(odata) ? VERBOSE
            : "nometadata".equals(odata) ? NO_METADATA : JSON_LIGHT;
        case "application/atom+xml", "application/xml" -> ATOM;
        case "*/*", "application/*" -> JSON_LIGHT;
        default -> null;
      };
    }
  }
}
