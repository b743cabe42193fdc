package dev.opstub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The benchmark's output: Markdown, printed as it comes and written to a file at the end. */
final class Report {
  private final StringBuilder text = new StringBuilder();

  void heading(String title) {
    line("");
    line("## " + title);
    line("");
  }

  void line(String line) {
    text.append(line).append('\n');
    System.out.println(line);
    System.out.flush();
  }

  void table(List<String> header, List<List<String>> rows) {
    line("| " + String.join(" | ", header) + " |");
    line("|" + "---|".repeat(header.size()));
    for (List<String> row : rows) {
      line("| " + String.join(" | ", row) + " |");
    }
    line("");
  }

  /** Progress that is not part of the report (stderr). */
  static void progress(String message) {
    System.err.println("[bench] " + message);
    System.err.flush();
  }

  void writeTo(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static String num(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  static String verdict(boolean met) {
    return met ? "met" : "**missed**";
  }
}
