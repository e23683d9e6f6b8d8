package io.momentum.server.webhooks;

import io.momentum.server.changes.ChangeOutbox;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * Checks that a record of {@code momentum.changes} is a CloudEvent as the change outbox writes
 * it: structured JSON with specversion 1.0, an id, a type, the {@code orgid} extension, the
 * organisation's source, and the organisation id as record key.
 */
public final class ChangeRecords {

  private static final Pattern TYPE = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,99}$");
  private static final int MAX_ID_LENGTH = 200;

  private ChangeRecords() {
  }

  /** A checked record: the change, or why the record is invalid. */
  public record Checked(DeliveryQueries.Change change, String problem) {
  }

  /** Checks one record; {@code key} may be null. */
  public static Checked check(String key, String value) {
    if (value == null || value.isBlank()) {
      return invalid("the value is empty");
    }
    JsonObject event;
    try {
      event = new JsonObject(value);
    } catch (DecodeException | ClassCastException e) {
      return invalid("the value is not a JSON object");
    }
    if (!"1.0".equals(event.getValue("specversion"))) {
      return invalid("specversion is " + event.getValue("specversion") + ", not \"1.0\"");
    }
    if (!(event.getValue("id") instanceof String id) || id.isBlank() || id.length() > MAX_ID_LENGTH) {
      return invalid("id is missing, empty or longer than " + MAX_ID_LENGTH + " characters");
    }
    if (!(event.getValue("type") instanceof String type) || !TYPE.matcher(type).matches()) {
      return invalid("type is missing or not a lower-case dotted name such as \"momentum.checkin.recorded\"");
    }
    if (!(event.getValue("orgid") instanceof String orgId) || orgId.isBlank()) {
      return invalid("the orgid extension is missing");
    }
    if (!ChangeOutbox.source(orgId).equals(event.getValue("source"))) {
      return invalid("source is " + event.getValue("source") + ", not " + ChangeOutbox.source(orgId) + " of orgid " + orgId);
    }
    if (key != null && !key.equals(orgId)) {
      return invalid("the record key " + key + " differs from orgid " + orgId);
    }
    if (value.indexOf('\u0000') >= 0) {
      return invalid("the value contains a NUL character, which cannot be stored");
    }
    return new Checked(new DeliveryQueries.Change(orgId, id, type, value), null);
  }

  private static Checked invalid(String problem) {
    return new Checked(null, problem);
  }
}
