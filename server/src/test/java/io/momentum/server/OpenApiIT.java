package io.momentum.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentum.server.app.MomentumNode;
import io.momentum.server.support.Http;
import io.momentum.server.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The published OpenAPI document: valid OpenAPI 3.1 (checked by Vert.x OpenAPI against the
 * specification's schema), and naming exactly the operations the router serves.
 */
class OpenApiIT {

  private static final Set<String> LOADABLE = Set.of("application/json", "multipart/form-data",
      "application/hal+json", "application/octet-stream", "text/plain");

  private static MomentumNode node;
  private static OpenAPIContract contract;

  @BeforeAll
  static void loadDocument() throws Exception {
    node = TestNode.get();
    HttpResponse<Buffer> response = Http.anonymous().get("/api/v1/openapi.yaml");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/yaml");
    Map<String, Object> yaml = plain(new Yaml().load(response.bodyAsString()));
    JsonObject document = new JsonObject(yaml);
    contract = OpenAPIContract.from(node.vertx(), withSupportedMediaTypes(document)).await();
  }

  /**
   * Replaces media types that Vert.x OpenAPI 5.0.7 does not load (it accepts a fixed list, so
   * YAML, CSV and CloudEvents bodies fail) by {@code application/octet-stream}. The specification
   * check and the operations are unaffected.
   */
  private static JsonObject withSupportedMediaTypes(JsonObject document) {
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject operation)) {
          continue;
        }
        JsonObject body = operation.getJsonObject("requestBody");
        if (body != null) {
          replaceContent(body);
        }
        JsonObject responses = operation.getJsonObject("responses", new JsonObject());
        for (String status : responses.fieldNames()) {
          replaceContent(responses.getJsonObject(status));
        }
      }
    }
    JsonObject shared = document.getJsonObject("components", new JsonObject()).getJsonObject("responses", new JsonObject());
    for (String name : shared.fieldNames()) {
      replaceContent(shared.getJsonObject(name));
    }
    return document;
  }

  private static void replaceContent(JsonObject holder) {
    JsonObject content = holder.getJsonObject("content");
    if (content == null) {
      return;
    }
    JsonObject replaced = new JsonObject();
    for (String type : content.fieldNames()) {
      replaced.put(LOADABLE.contains(type) ? type : "application/octet-stream", content.getValue(type));
    }
    holder.put("content", replaced);
  }

  /** Turns YAML values JSON has no type for (dates) into strings. */
  @SuppressWarnings("unchecked")
  private static <T> T plain(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      return (T) list.stream().map(OpenApiIT::plain).collect(Collectors.toCollection(ArrayList::new));
    }
    if (value instanceof Date date) {
      return (T) date.toInstant().toString();
    }
    return (T) value;
  }

  @Test
  void everyServedOperationIsDocumented() {
    SortedSet<String> missing = new TreeSet<>(node.services().routes().operations());
    missing.removeAll(documented());

    assertThat(missing).as("operations the router serves that the document leaves out").isEmpty();
  }

  @Test
  void everyDocumentedOperationIsServed() {
    SortedSet<String> extra = new TreeSet<>(documented());
    extra.removeAll(node.services().routes().operations());

    assertThat(extra).as("operations the document names that the router does not serve").isEmpty();
  }

  @Test
  void operationIdsAreUnique() {
    Set<String> ids = new TreeSet<>();
    for (Operation operation : contract.operations()) {
      assertThat(ids.add(operation.getOperationId())).as("operationId %s", operation.getOperationId()).isTrue();
    }
  }

  private static SortedSet<String> documented() {
    SortedSet<String> operations = new TreeSet<>();
    for (Operation operation : contract.operations()) {
      operations.add(operation.getHttpMethod().name() + " " + operation.getOpenAPIPath());
    }
    return operations;
  }
}
