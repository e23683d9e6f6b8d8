package io.momentum.server.transfer;

import io.momentum.server.assist.briefs.BriefTransfer;
import io.momentum.server.goals.KeyResultInput;
import io.momentum.server.http.BodyReader;
import io.momentum.streams.event.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rows of an import file in the export's JSON shape, read and checked field by field. Each
 * invalid field is reported with its path, such as {@code objectives[3].keyResults[1].target}.
 * Fields the export writes from the engine (progress, raw, status, current, confidence) are
 * accepted and ignored: an import creates definitions, not values.
 */
final class ImportFile {

  /** Largest accepted file. */
  static final long MAX_BYTES = 5L * 1024 * 1024;
  /** Most objectives and key results in one file. */
  static final int MAX_ROWS = 10_000;
  static final int MAX_TITLE = 200;
  static final int MAX_DESCRIPTION = 4000;
  static final int MAX_EMAIL = 254;

  // Placeholders let the shared key result rules run before keys are resolved to ids.
  private static final String PLACEHOLDER_ID = new UUID(0, 1).toString();

  /** An objective row with its key results. */
  record ObjectiveRow(int index, String key, String kind, String title, String description, String unitKey, String ownerName,
                      String ownerEmail, BigDecimal weight, Boolean rollupChildren, String parentKey, String parentKeyResultKey,
                      List<KeyResultRow> keyResults) {

    String path() {
      return "objectives[" + index + "]";
    }
  }

  /** A key result row; {@code input} contains the checked definition with placeholder ids. */
  record KeyResultRow(int index, String description, String unitKey, String kpiKey, String ownerEmail, KeyResultInput input) {
  }

  final String cycleKey;
  final List<ObjectiveRow> objectives;
  /** Brief schedules to create; the file's stored briefs are not imported. */
  final List<BriefTransfer.ImportedSchedule> schedules;
  final List<FieldError> errors;

  private ImportFile(String cycleKey, List<ObjectiveRow> objectives, List<BriefTransfer.ImportedSchedule> schedules,
                     List<FieldError> errors) {
    this.cycleKey = cycleKey;
    this.objectives = objectives;
    this.schedules = schedules;
    this.errors = errors;
  }

  /** Counts the rows of a parsed file without checking them, for the size limit. */
  static int countRows(JsonObject json) {
    int rows = 0;
    if (json.getValue("objectives") instanceof JsonArray objectives) {
      for (Object o : objectives) {
        rows++;
        if (o instanceof JsonObject objective && objective.getValue("keyResults") instanceof JsonArray keyResults) {
          rows += keyResults.size();
        }
      }
    }
    return rows;
  }

  /** Reads every row, collecting the errors of all of them. */
  static ImportFile read(JsonObject json) {
    BodyReader root = BodyReader.of(json, "");
    for (String field : json.fieldNames()) {
      if (!List.of("format", "formatVersion", "exportedAt", "cycle", "objectives", "decisions", "briefs", "briefSchedules")
          .contains(field)) {
        root.reject(field, "is not a known field of an export file; check its spelling");
      }
    }

    String format = root.text("format", 50, true);
    if (format != null && !ExportRoutes.FORMAT.equals(format)) {
      root.reject("format", "is \"" + format + "\"; an import file is an export of Momentum, with format \"" + ExportRoutes.FORMAT + "\"");
    }
    root.integer("formatVersion", ExportRoutes.FORMAT_VERSION, ExportRoutes.FORMAT_VERSION, true);
    root.text("exportedAt", 40, false);

    String cycleKey = null;
    if (json.getValue("cycle") instanceof JsonObject cycle) {
      BodyReader cycleReader = BodyReader.of(cycle, "cycle.");
      cycleKey = cycleReader.key("key", true);
      cycleReader.text("name", 120, false);
      cycleReader.oneOf("kind", List.of("strategy", "annual", "quarter"), false);
      cycleReader.date("start", false);
      cycleReader.date("end", false);
      cycleReader.bool("closed", false);
      cycleReader.finishNested();
      root.errors().addAll(cycleReader.errors());
    } else {
      root.reject("cycle", "is missing: {\"key\": ...} names the cycle of your organisation that receives the objectives");
    }

    List<ObjectiveRow> objectives = new ArrayList<>();
    List<BodyReader> rows = root.objects("objectives", MAX_ROWS, true);
    JsonArray sources = json.getValue("objectives") instanceof JsonArray array ? array : new JsonArray();
    int index = 0;
    for (int i = 0; i < sources.size() && index < rows.size(); i++) {
      if (sources.getValue(i) instanceof JsonObject source) {
        objectives.add(objective(i, rows.get(index++), source, root));
      }
    }
    List<BriefTransfer.ImportedSchedule> schedules = BriefTransfer.readSchedules(root);
    return new ImportFile(cycleKey, objectives, schedules, root.errors());
  }

  private static ObjectiveRow objective(int index, BodyReader row, JsonObject source, BodyReader root) {
    String key = row.key("key", true);
    String kind = row.oneOf("kind", List.of("objective", "strategic_outcome"), false);
    String title = row.text("title", MAX_TITLE, true);
    String description = row.text("description", MAX_DESCRIPTION, false);
    String unitKey = row.key("unitKey", true);
    String ownerName = row.text("ownerName", 120, false);
    String ownerEmail = email(row);
    BigDecimal weight = row.number("weight", false);
    if (weight != null && (weight.signum() < 0 || weight.compareTo(new BigDecimal("1000")) > 0)) {
      row.reject("weight", "must be from 0 (tracked, not scored) to 1000");
    }
    Boolean rollupChildren = row.bool("rollupChildren", false);

    String parentKey = row.key("parentKey", false);
    String parentKeyResultKey = row.key("parentKeyResultKey", false);
    if (parentKey != null && parentKeyResultKey != null) {
      row.reject("parentKeyResultKey", "an objective aligns to one parent; give parentKey or parentKeyResultKey, not both");
    }
    if ("strategic_outcome".equals(kind) && (parentKey != null || parentKeyResultKey != null)) {
      row.reject("parentKey", "a strategic outcome is the top of an alignment chain and has no parent");
    }

    readOnly(row);
    // The nested readers report a malformed list; the rows themselves go through the key result rules.
    row.objects("keyResults", MAX_ROWS, false);
    row.finishNested();

    List<KeyResultRow> keyResults = new ArrayList<>();
    if (source.getValue("keyResults") instanceof JsonArray list) {
      for (int j = 0; j < list.size(); j++) {
        if (list.getValue(j) instanceof JsonObject keyResult) {
          keyResults.add(keyResult(j, keyResult, "objectives[" + index + "].keyResults[" + j + "]", root));
        }
      }
    }
    return new ObjectiveRow(index, key, kind == null ? "objective" : kind, title, description, unitKey, ownerName, ownerEmail,
        weight == null ? BigDecimal.ONE : weight, rollupChildren, parentKey, parentKeyResultKey, keyResults);
  }

  private static KeyResultRow keyResult(int index, JsonObject source, String path, BodyReader root) {
    JsonObject copy = source.copy();
    if (copy.containsKey("objectiveId") || copy.containsKey("kpiId") || copy.containsKey("unitId")) {
      root.reject(path, "names nodes by id; an import file names them by key (kpiKey, unitKey)");
    }
    if (copy.containsKey("ownerId")) {
      root.reject(path + ".ownerId", "names a person by id; an import file names the owner by ownerEmail");
    }
    copy.put("objectiveId", PLACEHOLDER_ID);
    Object kpiKey = copy.remove("kpiKey");
    if (kpiKey != null) {
      copy.put("kpiId", PLACEHOLDER_ID);
    }
    Object unitKey = copy.remove("unitKey");
    Object description = copy.remove("description");
    Object ownerEmail = copy.remove("ownerEmail");
    BodyReader reader = BodyReader.of(copy, path + ".");
    KeyResultInput input = KeyResultInput.read(reader);
    readOnly(reader);
    reader.finishNested();
    BodyReader extra = BodyReader.of(new JsonObject().put("unitKey", unitKey).put("kpiKey", kpiKey).put("description", description)
        .put("ownerEmail", ownerEmail), path + ".");
    String unit = extra.key("unitKey", false);
    String kpi = extra.key("kpiKey", false);
    String text = extra.text("description", MAX_DESCRIPTION, false);
    String email = email(extra);
    for (FieldError error : reader.errors()) {
      root.errors().add(new FieldError(error.field().replace(".kpiId", ".kpiKey"), error.message().replace("kpiId", "kpiKey")));
    }
    root.errors().addAll(extra.errors());
    return new KeyResultRow(index, text, unit, kpi, email, input);
  }

  /** Reads {@code ownerEmail}, the portable name of an owner with an account, in lower case. */
  private static String email(BodyReader reader) {
    String email = reader.text("ownerEmail", MAX_EMAIL, false);
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
      reader.reject("ownerEmail", "must be an e-mail address such as dana@example.com, not \"" + email + "\"");
      return null;
    }
    return email == null ? null : email.toLowerCase(java.util.Locale.ROOT);
  }

  /** Reads and ignores the fields an export writes from the engine. */
  private static void readOnly(BodyReader reader) {
    reader.number("progress", false);
    reader.number("raw", false);
    reader.text("status", 20, false);
    reader.number("current", false);
    reader.number("confidence", false);
  }
}
