package io.momentum.server.assist.drafts;

import io.momentum.server.auth.Caller;
import io.momentum.server.http.ApiException;
import io.momentum.server.http.BodyReader;
import io.momentum.server.http.QueryParams;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * REST API of the draft generator: {@code POST /api/v1/assist/drafts} proposes objectives and key
 * results for a unit and cycle from a strategy text, and {@code GET
 * /api/v1/assist/drafts/library/{id}} shows a library example that a proposal cites. Drafting
 * needs write access, because it records the draft in the decision trail; it creates no OKR.
 */
public final class DraftRoutes {

  private static final Pattern EXAMPLE_ID = Pattern.compile("^[a-z]+-(en|de)-\\d{1,3}$");

  private final DraftService drafts;

  public DraftRoutes(DraftService drafts) {
    this.drafts = drafts;
  }

  public void mount(Router router) {
    router.post("/api/v1/assist/drafts").handler(this::generate);
    router.get("/api/v1/assist/drafts/library/:id").handler(this::example);
  }

  private void generate(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.requireWrite();
    BodyReader body = BodyReader.of(ctx);
    rejectLongStrategy(body.json());
    String strategy = body.text("strategy", DraftService.MAX_STRATEGY_LENGTH, true);
    UUID unitId = body.uuid("unitId", true);
    UUID cycleId = body.uuid("cycleId", true);
    String language = body.oneOf("language", OkrText.LANGUAGES, false);
    String uiLanguage = body.oneOf("uiLanguage", OkrText.LANGUAGES, false);
    Boolean useModel = body.bool("useModel", false);
    body.finish();
    DraftService.DraftRequest request = new DraftService.DraftRequest(strategy, unitId, cycleId, language, uiLanguage,
        Boolean.TRUE.equals(useModel));
    drafts.generate(caller, request).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Rejects a strategy text over the limit with 413, as its size, not its form, is the problem. */
  private static void rejectLongStrategy(JsonObject json) {
    if (json.getValue("strategy") instanceof String text && text.strip().length() > DraftService.MAX_STRATEGY_LENGTH) {
      int length = text.strip().length();
      throw new ApiException(413, "strategy_too_long", "The strategy text is " + length + " characters long; the limit is "
          + DraftService.MAX_STRATEGY_LENGTH + ". Shorten it to the goals that matter for this cycle.", List.of(),
          new JsonObject().put("length", length).put("limit", DraftService.MAX_STRATEGY_LENGTH));
    }
  }

  private void example(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    new QueryParams(ctx).finish();
    if (!EXAMPLE_ID.matcher(id).matches()) {
      throw ApiException.invalid("id", "invalid_example_id", "must be a library example id such as sales-en-1",
          new JsonObject().put("example", "sales-en-1"));
    }
    ctx.json(drafts.example(id));
  }
}
