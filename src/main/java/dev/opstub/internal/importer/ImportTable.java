package dev.opstub.internal.importer;

import dev.opstub.internal.openapi.SpecProblem;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The table the importer prints: one row per long-running operation, then the notes. */
final class ImportTable {
  private static final List<String> HEADER = List.of("operation", "start call", "pattern", "answers", "polls",
      "timeline", "well-known failing input");

  private ImportTable() {}

  static void print(SpecPlan plan, MappingWriter.Written written, PrintStream out) {
    String file = plan.spec().file().getFileName() == null ? plan.spec().file().toString()
        : plan.spec().file().getFileName().toString();
    out.println(file + (plan.spec().title().isEmpty() ? "" : " (" + plan.spec().title() + " " + plan.spec().version() + ")")
        + ": " + plan.operations().size() + " long-running operations stubbed of " + plan.spec().operations().size()
        + " operations -> " + written.folder() + " (" + written.written().size() + " files written"
        + (written.removed().isEmpty() ? "" : ", " + written.removed().size() + " earlier ones removed") + ")");
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (OperationPlan op : plan.operations()) {
      rows.add(List.of(op.operationId(), op.call(), op.pattern(),
          op.startStatus() + (op.finalStatus() == null ? "" : ", then " + op.finalStatus()), op.monitor(), op.timeline(),
          op.failing() == null ? "-" : op.failing().toString()));
    }
    int[] widths = new int[HEADER.size()];
    rows.forEach(row -> {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    });
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(" ");
      for (int i = 0; i < row.size(); i++) {
        line.append(' ').append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    for (String kept : written.kept()) {
      out.println("  kept your " + kept + " (it has no \"opstub-import\" mark); the generated one was not written");
    }
    for (SpecProblem note : plan.notes()) {
      out.println("  note: " + note);
    }
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length() + 1);
  }
}
