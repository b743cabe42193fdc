package dev.opstub.internal.azure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code startPath} or {@code monitorPath}: literal text and {@code {name}} placeholders, each
 * matching one or more characters other than {@code /}; a {@code monitorPath} names the
 * operation's id {@code {id}} once, in a segment (whole or part) or as a query parameter's value.
 *
 * <pre>{@code
 * AzurePathTemplate start = AzurePathTemplate.read("startPath", "/certificates/{name}/create");
 * start.bind("/certificates/web/create");                       // {name=web}
 * AzurePathTemplate.read("monitorPath", "/certificates/{id}/pending").render(Map.of(), "web"); // /certificates/web/pending
 * }</pre>
 */
final class AzurePathTemplate {
  /** The operation's id in a {@code monitorPath}. */
  static final String ID = "id";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern QUERY_KEY = Pattern.compile("[A-Za-z0-9._~-]+");

  /** A literal ({@code name == null}) or a placeholder. */
  private record Part(String literal, String name) {}

  /** A query parameter: its key and its value (one part). */
  private record QueryPair(String key, Part value) {}

  private final String text;
  private final List<Part> path;
  private final List<QueryPair> query;
  private final Pattern pathPattern;
  private final List<String> pathNames;

  private AzurePathTemplate(String text, List<Part> path, List<QueryPair> query) {
    this.text = text;
    this.path = List.copyOf(path);
    this.query = List.copyOf(query);
    StringBuilder regex = new StringBuilder();
    List<String> names = new ArrayList<>();
    for (Part part : path) {
      if (part.name == null) {
        regex.append(Pattern.quote(part.literal));
      } else {
        regex.append("([^/]+?)");
        names.add(part.name);
      }
    }
    this.pathPattern = Pattern.compile(regex.toString());
    this.pathNames = List.copyOf(names);
  }

  /** Parsed templates by parameter and text: a poll or start should not parse what it has parsed before. */
  private static final com.github.benmanes.caffeine.cache.Cache<String, AzurePathTemplate> PARSED =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(1_024).build();

  /** A profile's (or a mapping's) monitor path, parsed once. */
  static AzurePathTemplate parsed(String monitorTemplate) {
    return parsed(AzureParameters.MONITOR_PATH.name(), monitorTemplate);
  }

  /** A template already read once (a stub's parameter, a stored profile), parsed once. */
  static AzurePathTemplate parsed(String parameter, String text) {
    return PARSED.get(parameter + ' ' + text, key -> read(parameter, text));
  }

  /** The template as written. */
  String text() {
    return text;
  }

  /**
   * Reads a template.
   *
   * @param parameter {@code startPath} (no query, no {@code {id}}) or {@code monitorPath} ({@code {id}} once)
   * @throws IllegalArgumentException saying what is wrong and what is allowed
   */
  static AzurePathTemplate read(String parameter, String text) {
    boolean monitor = parameter.equals(AzureParameters.MONITOR_PATH.name());
    String allowed = monitor ? AzureParameters.MONITOR_PATH_ALLOWED : AzureParameters.START_PATH_ALLOWED;
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException(parameter + " \"" + text + "\" must start with '/' (a path from the server "
          + "root); allowed: " + allowed);
    }
    int question = text.indexOf('?');
    if (question >= 0 && !monitor) {
      throw new IllegalArgumentException("startPath \"" + text + "\" has a query ('?' at position " + (question + 1)
          + "); the mapping's request matches the query; allowed: " + allowed);
    }
    Set<String> names = new HashSet<>();
    List<Part> path = parts(parameter, text, question < 0 ? text : text.substring(0, question), 0, names, allowed);
    String bad = unpollable(path);
    if (bad != null) {
      throw new IllegalArgumentException(parameter + " \"" + text + "\" " + bad + ", so a client could not "
          + (monitor ? "poll the URL handed out" : "call it") + "; allowed: " + allowed);
    }
    List<QueryPair> query = new ArrayList<>();
    if (question >= 0) {
      int at = question + 1;
      for (String pair : text.substring(question + 1).split("&", -1)) {
        int equals = pair.indexOf('=');
        String key = equals < 0 ? pair : pair.substring(0, equals);
        if (equals < 0 || !QUERY_KEY.matcher(key).matches()) {
          throw new IllegalArgumentException("monitorPath \"" + text + "\" has a query parameter \"" + pair + "\" at "
              + "position " + (at + 1) + " that is not name=value; allowed: " + allowed);
        }
        if (key.equalsIgnoreCase("api-version")) {
          throw new IllegalArgumentException("monitorPath \"" + text + "\" names api-version: the URL handed out "
              + "keeps the start call's own; allowed: leave api-version out");
        }
        List<Part> value = parts(parameter, text, pair.substring(equals + 1), at + equals + 1, names, allowed);
        if (value.size() != 1 || value.get(0).name == null && !QUERY_KEY.matcher(value.get(0).literal).matches()) {
          throw new IllegalArgumentException("monitorPath \"" + text + "\": the value of query parameter \"" + key
              + "\" must be one placeholder such as {id}, or letters, digits and - . _ ~; allowed: " + allowed);
        }
        query.add(new QueryPair(key, value.get(0)));
        at += pair.length() + 1;
      }
    }
    if (monitor && !names.contains(ID)) {
      throw new IllegalArgumentException("monitorPath \"" + text + "\" has no {id}, where the operation's id goes; "
          + "allowed: " + allowed);
    }
    if (!monitor && names.contains(ID)) {
      throw new IllegalArgumentException("startPath \"" + text + "\" names {id}, which is the operation's id in "
          + "monitorPath; allowed: another name, e.g. {name}, and operationId \"{name}\" to make it the id");
    }
    return new AzurePathTemplate(text, path, query);
  }

  /** The literal parts and placeholders of {@code piece}, found at {@code offset} in {@code text}. */
  private static List<Part> parts(String parameter, String text, String piece, int offset, Set<String> names,
      String allowed) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < piece.length()) {
      char c = piece.charAt(i);
      if (c == '}') {
        throw new IllegalArgumentException(parameter + " \"" + text + "\" has '}' at position " + (offset + i + 1)
            + " without '{' before it; allowed: " + allowed);
      }
      if (c != '{') {
        literal.append(c);
        i++;
        continue;
      }
      int close = piece.indexOf('}', i);
      String name = close < 0 ? "" : piece.substring(i + 1, close);
      if (close < 0 || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(parameter + " \"" + text + "\" has '{' at position " + (offset + i + 1)
            + " that does not open a placeholder {name} (letters, digits, '-' and '_'); allowed: " + allowed);
      }
      if (literal.length() == 0 && !parts.isEmpty() && parts.get(parts.size() - 1).name != null) {
        throw new IllegalArgumentException(parameter + " \"" + text + "\" has {" + parts.get(parts.size() - 1).name
            + "} and {" + name + "} side by side, which cannot be told apart; allowed: literal text between "
            + "placeholders, e.g. {a}-{b}");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException(parameter + " \"" + text + "\" names {" + name + "} twice; allowed: each "
            + "placeholder once");
      }
      if (literal.length() > 0) {
        parts.add(new Part(literal.toString(), null));
        literal.setLength(0);
      }
      parts.add(new Part(null, name));
      i = close + 1;
    }
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), null));
    }
    return parts;
  }

  /**
   * What makes a client unable to use a path, or {@code null}: a character RFC 3986 does not allow
   * unescaped in a path ({@code #} ends the path, a space breaks the request line); ';' (servers
   * read it as path parameters) and '%' (clients may unescape it); empty, '.' and '..' segments
   * (clients and servers collapse or resolve them). A placeholder counts as a letter.
   */
  private static String unpollable(List<Part> path) {
    StringBuilder shape = new StringBuilder();
    int position = 0;
    for (Part part : path) {
      if (part.name != null) {
        shape.append('x');
        position += part.name.length() + 2;
        continue;
      }
      for (int i = 0; i < part.literal.length(); i++) {
        char c = part.literal.charAt(i);
        boolean pathCharacter = c < 128 && (Character.isLetterOrDigit(c) || "/-._~!$&'()*+,=:@".indexOf(c) >= 0);
        if (!pathCharacter) {
          return "has " + (c == ' ' ? "a space" : c < ' ' || c == 127 ? "a control character"
              : "'" + new String(Character.toChars(part.literal.codePointAt(i))) + "'") + " at position "
              + (position + i + 1);
        }
        shape.append(c);
      }
      position += part.literal.length();
    }
    String segments = shape.substring(1);
    for (String segment : segments.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "has " + (segment.isEmpty() ? "an empty segment (//)" : "a '" + segment + "' segment");
      }
    }
    return null;
  }

  /** The placeholders it names, {@code {id}} among them. */
  List<String> names() {
    List<String> names = new ArrayList<>(pathNames);
    query.stream().filter(pair -> pair.value.name != null).forEach(pair -> names.add(pair.value.name));
    return names;
  }

  /** Whether the id is a query parameter's value (not in the path). */
  boolean idInQuery() {
    return !pathNames.contains(ID);
  }

  /** Whether it is a plain {@code /.../{id}}: the id its last segment, nothing else to fill in. */
  boolean isPlain() {
    return pathNames.equals(List.of(ID)) && query.isEmpty() && path.size() == 2
        && path.get(0).literal.endsWith("/");
  }

  /** The values of the placeholders of a path it matches (without the query), or {@code null}. */
  Map<String, String> bind(String requestPath) {
    Matcher matcher = pathPattern.matcher(requestPath);
    if (!matcher.matches()) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < pathNames.size(); i++) {
      values.put(pathNames.get(i), matcher.group(i + 1));
    }
    return values;
  }

  /**
   * The operation id a request to this monitor names (where {@code {id}} is: a path part or a query
   * parameter's value), or {@code null} when the request is not on it.
   */
  String idOf(String requestPath, String rawQuery) {
    Map<String, String> values = bind(requestPath);
    if (values == null) {
      return null;
    }
    if (values.containsKey(ID)) {
      return values.get(ID);
    }
    String key = query.stream().filter(pair -> ID.equals(pair.value.name)).findFirst().orElseThrow().key;
    for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
      if (pair.startsWith(key + "=")) {
        return pair.substring(key.length() + 1);
      }
    }
    return null;
  }

  /** The path (and query) with every placeholder filled: {@code {id}} with {@code id}, the others from {@code values}. */
  String render(Map<String, String> values, String id) {
    StringBuilder out = new StringBuilder();
    path.forEach(part -> out.append(fill(part, values, id)));
    for (int i = 0; i < query.size(); i++) {
      out.append(i == 0 ? '?' : '&').append(query.get(i).key).append('=')
          .append(fill(query.get(i).value, values, id));
    }
    return out.toString();
  }

  private static String fill(Part part, Map<String, String> values, String id) {
    return part.name == null ? part.literal : ID.equals(part.name) ? id : values.getOrDefault(part.name, "");
  }

  /**
   * The regular expression of the paths of this monitor (no query): every placeholder one
   * segment's text, the id {@code idRegex} when it is in the path.
   */
  String pathRegex(String idRegex) {
    StringBuilder regex = new StringBuilder();
    for (Part part : path) {
      regex.append(part.name == null ? Pattern.quote(part.literal) : ID.equals(part.name) ? idRegex : "[^/]+");
    }
    return regex.toString();
  }

  /** The path with the id in it made {@code {id}} again, the rest as polled (a monitor stub's own script). */
  String polledTemplate(String requestPath) {
    if (idInQuery()) {
      return requestPath + render(Map.of(), "{id}").substring(renderedPathLength());
    }
    Matcher matcher = pathPattern.matcher(requestPath);
    if (!matcher.matches()) {
      return requestPath;
    }
    int group = pathNames.indexOf(ID) + 1;
    return requestPath.substring(0, matcher.start(group)) + "{id}" + requestPath.substring(matcher.end(group))
        + render(Map.of(), "{id}").substring(renderedPathLength());
  }

  private int renderedPathLength() {
    int length = 0;
    for (Part part : path) {
      length += part.name == null ? part.literal.length() : ID.equals(part.name) ? 4 : 0;
    }
    return length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AzurePathTemplate t && t.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
