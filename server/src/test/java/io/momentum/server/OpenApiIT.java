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

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  /** Members whose keys are data, not OpenAPI keywords or names, so free text in them is fine. */
  private static final Set<String> FREE_KEYS = Set.of("example", "examples", "default", "const", "enum", "mapping");

  private static MomentumNode node;
  private static OpenAPIContract contract;
  private static Map<String, Object> raw;

  @BeforeAll
  static void loadDocument() throws Exception {
    node = TestNode.get();
    HttpResponse<Buffer> response = Http.anonymous().get("/api/v1/openapi.yaml");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/yaml");
    Map<String, Object> yaml = plain(new Yaml().load(response.bodyAsString()));
    // A second copy, because the contract below adds resolution members to the maps it is given.
    raw = plain(new Yaml().load(response.bodyAsString()));
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

  /**
   * An unquoted description containing ": " parses as a new key with a null value. The description
   * is then cut short and the schema gains a bogus keyword, so such keys must fail the build.
   */
  @Test
  void noKeyLooksLikeProse() {
    List<String> prose = new ArrayList<>();
    collectProseKeys(raw, "", prose);

    assertThat(prose).as("keys with spaces or a final full stop, or keys with no value").isEmpty();
  }

  @Test
  void everySchemaPropertyIsAnObject() {
    List<String> broken = new ArrayList<>();
    collectBrokenProperties(raw, "", broken);

    assertThat(broken).as("members of a schema's properties whose value is not a schema object").isEmpty();
  }

  @Test
  void everyOperationHasADeclaredTag() {
    Set<String> declared = new TreeSet<>();
    for (Object tag : (List<?>) raw.get("tags")) {
      declared.add(String.valueOf(((Map<?, ?>) tag).get("name")));
    }
    List<String> untagged = new ArrayList<>();
    List<String> undeclared = new ArrayList<>();
    Map<?, ?> paths = (Map<?, ?>) raw.get("paths");
    paths.forEach((path, item) -> ((Map<?, ?>) item).forEach((method, operation) -> {
      if (!METHODS.contains(String.valueOf(method))) {
        return;
      }
      Object tags = ((Map<?, ?>) operation).get("tags");
      if (!(tags instanceof List<?> list) || list.isEmpty()) {
        untagged.add(method + " " + path);
      } else {
        list.stream().map(String::valueOf).filter(t -> !declared.contains(t)).forEach(t -> undeclared.add(method + " " + path + ": " + t));
      }
    }));

    assertThat(untagged).as("operations without tags").isEmpty();
    assertThat(undeclared).as("tags missing from the top-level tags list").isEmpty();
  }

  @Test
  void oneResponseForBadRequests() {
    Map<?, ?> components = (Map<?, ?>) raw.get("components");
    Set<String> responses = new TreeSet<>(((Map<?, ?>) components.get("responses")).keySet().stream().map(String::valueOf).toList());

    assertThat(responses).contains("BadRequest").doesNotContain("ValidationFailed", "Invalid");
  }

  private static void collectProseKeys(Object node, String at, List<String> found) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> {
        String name = String.valueOf(key);
        String keyPath = at + "/" + name;
        if (name.matches(".*\\s.*") || (name.endsWith(".") && !name.startsWith("/")) || (value == null && !FREE_KEYS.contains(name))) {
          found.add(keyPath);
        }
        if (!FREE_KEYS.contains(name)) {
          collectProseKeys(value, keyPath, found);
        }
      });
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectProseKeys(list.get(i), at + "/" + i, found);
      }
    }
  }

  private static void collectBrokenProperties(Object node, String at, List<String> found) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> {
        String name = String.valueOf(key);
        String keyPath = at + "/" + name;
        if ("properties".equals(name) && value instanceof Map<?, ?> properties) {
          properties.forEach((property, schema) -> {
            if (!(schema instanceof Map<?, ?>)) {
              found.add(keyPath + "/" + property + " = " + schema);
            }
          });
        }
        if (!FREE_KEYS.contains(name)) {
          collectBrokenProperties(value, keyPath, found);
        }
      });
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectBrokenProperties(list.get(i), at + "/" + i, found);
      }
    }
  }

  private static SortedSet<String> documented() {
    SortedSet<String> operations = new TreeSet<>();
    for (Operation operation : contract.operations()) {
      operations.add(operation.getHttpMethod().name() + " " + operation.getOpenAPIPath());
    }
    return operations;
  }

  @Test
  @SuppressWarnings("unchecked")
  void tokenSchemasDocumentScope() {
    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) raw.get("components")).get("schemas");
    Map<String, Object> input = (Map<String, Object>) ((Map<String, Object>) schemas.get("ApiTokenInput")).get("properties");
    Map<String, Object> listed = (Map<String, Object>) ((Map<String, Object>) schemas.get("ApiToken")).get("properties");
    Map<String, Object> kinds = (Map<String, Object>) schemas.get("TokenNodeKind");

    assertThat(input).containsKeys("units", "kinds");
    assertThat(listed).containsKeys("units", "kinds");
    assertThat((List<Object>) kinds.get("enum")).containsExactlyElementsOf(io.momentum.server.auth.TokenScope.NODE_KINDS);
  }
}
