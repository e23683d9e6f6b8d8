package io.momentum.server.demo;

import io.momentum.server.demo.DemoCycles.Role;
import io.momentum.server.demo.DemoSpecs.KeyResultSpec;
import io.momentum.server.demo.DemoSpecs.KpiSpec;
import io.momentum.server.demo.DemoSpecs.MilestoneSpec;
import io.momentum.server.demo.DemoSpecs.ObjectiveSpec;
import io.momentum.server.demo.DemoSpecs.UnitSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo organisation: Northwind Outfitters, an invented online retailer of outdoor gear. Every
 * name, person and number here is made up. Key results without an explicit profile get one drawn
 * when the history is generated.
 */
final class DemoCatalog {

  static final String COMPANY = "northwind";
  static final String COMPANY_NAME = "Northwind Outfitters";
  /** The key result whose value stays flat while its linked initiative delivers work. */
  static final String STALLED_KEY_RESULT = "checkout-duration";
  /** Days over which that key result's value stays flat: about three weekly check-ins. */
  static final int STALLED_DAYS = 22;

  final List<UnitSpec> units = new ArrayList<>();
  final List<KpiSpec> kpis = new ArrayList<>();
  final List<ObjectiveSpec> objectives = new ArrayList<>();
  final List<KeyResultSpec> keyResults = new ArrayList<>();

  private final Map<String, UnitSpec> unitsByKey = new HashMap<>();
  private final Map<String, Integer> ownerTurns = new HashMap<>();
  /** The objective that key results created next belong to. */
  private ObjectiveSpec objective;

  private DemoCatalog() {
  }

  /** Builds the catalog; the previous quarter's objectives are left out when that cycle does not exist. */
  static DemoCatalog build(boolean withPreviousQuarter) {
    DemoCatalog catalog = new DemoCatalog();
    catalog.addUnits();
    catalog.addKpis();
    catalog.addStrategy();
    catalog.addCommerce();
    catalog.addProductAndTechnology();
    catalog.addOperations();
    catalog.addCascades();
    if (withPreviousQuarter) {
      catalog.addPreviousQuarter();
    }
    return catalog;
  }

  private void addUnits() {
    unit(COMPANY, COMPANY_NAME, "company", null,
        "Maren Holt", "Tobias Brandt", "Ines Carvalho", "Sophie Lindqvist");
    unit("commerce", "Commerce", "business_unit", COMPANY, "Jonas Weber");
    unit("product-tech", "Product & Technology", "business_unit", COMPANY, "Priya Raman");
    unit("operations", "Operations", "business_unit", COMPANY, "Kofi Mensah");

    unit("checkout", "Checkout", "team", "commerce", "Lena Fischer", "Arjun Mehta", "Clara Nowak");
    unit("growth", "Growth", "team", "commerce", "Mateo Silva", "Hannah Becker", "Yuki Tanaka");
    unit("marketplace", "Marketplace", "team", "commerce", "Olivia Grant", "Emre Yilmaz", "Nora Jensen");
    unit("pricing", "Pricing & Promotions", "team", "commerce", "David Kim", "Elif Demir", "Lukas Richter");

    unit("mobile-app", "Mobile App", "team", "product-tech", "Sara Lindberg", "Tomás Herrera", "Mia Schulz");
    unit("platform", "Platform", "team", "product-tech", "Ahmed Haddad", "Julia Kowalski", "Ben Carter");
    unit("data", "Data", "team", "product-tech", "Anna Petrova", "Samuel Osei", "Leonie Wagner");
    unit("search", "Search & Discovery", "team", "product-tech", "Chloe Martin", "Viktor Novak", "Amara Okafor");

    unit("fulfilment", "Fulfilment", "team", "operations", "Marco Rossi", "Fatima Zahra", "Erik Johansson");
    unit("customer-care", "Customer Care", "team", "operations", "Grace O'Neill", "Paul Meyer", "Aisha Bello");
    unit("supply-chain", "Supply Chain", "team", "operations", "Henrik Dahl", "Lucia Romero", "Felix Braun");
    unit("returns", "Returns", "team", "operations", "Zoe Laurent", "Noah Keller", "Ivana Horvat");
  }

  private void addKpis() {
    kpi("net-revenue", "Net revenue per month", COMPANY, "EUR M", "increase", "12.4", "16.0", "14.5", "12.0", null);
    kpi("gross-margin", "Gross margin", COMPANY, "%", "increase", "38.5", "41.0", "40.0", "37.5", "40.3");
    kpi("nps", "Net Promoter Score", COMPANY, "NPS", "increase", "31", "42", "38", "30", null);
    kpi("site-conversion", "Site conversion rate", "commerce", "%", "increase", "2.40", "3.00", "2.80", "2.30", "2.62");
    kpi("average-order-value", "Average order value", "commerce", "EUR", "increase", "86.40", "92.00", "90.00", "85.00", "89.10");
    kpi("customer-churn", "Monthly customer churn", "growth", "%", "decrease", "4.8", "3.5", "3.8", "5.0", null);
    kpi("active-customers", "Active customers (90 days)", "growth", "k", "increase", "412", "480", "450", "400", "455");
    kpi("api-latency-p95", "Storefront API latency p95", "platform", "ms", "decrease", "420", "250", "300", "450", null);
    kpi("storefront-uptime", "Storefront uptime (30 days)", "platform", "%", "increase", "99.82", "99.95", "99.90", "99.80", null);
    kpi("deployments-per-week", "Deployments per week", "platform", "deploys", "increase", "18", "30", "28", "15", "31");
    kpi("crash-free-sessions", "Crash-free app sessions", "mobile-app", "%", "increase", "99.10", "99.70", "99.50", "99.00", null);
    kpi("app-store-rating", "App store rating", "mobile-app", "stars", "increase", "4.2", "4.6", "4.5", "4.1", "4.0");
    kpi("search-ctr", "Search click-through rate", "search", "%", "increase", "31.0", "38.0", "36.0", "30.0", null);
    kpi("on-time-delivery", "On-time delivery rate", "fulfilment", "%", "increase", "91.5", "96.0", "95.0", "90.0", null);
    kpi("order-lead-time", "Order-to-ship lead time", "fulfilment", "hours", "decrease", "30", "18", "22", "32", null);
    kpi("csat", "Customer satisfaction (CSAT)", "customer-care", "%", "increase", "84", "90", "88", "82", null);
    kpi("first-response-time", "First response time", "customer-care", "hours", "decrease", "9.5", "4.0", "5.0", "10.0", null);
    kpi("in-stock-rate", "In-stock rate", "supply-chain", "%", "increase", "92.0", "97.0", "96.0", "91.0", null);
    kpis.add(new KpiSpec("days-of-inventory", "Days of inventory", "supply-chain", person("supply-chain"), "days",
        "decrease", decimal("74"), decimal("60"), decimal("62"), decimal("75"), decimal("68"), true));
    kpi("return-rate", "Return rate", "returns", "%", "decrease", "14.5", "11.0", "12.0", "15.0", null);
  }

  private void addStrategy() {
    objectives.add(new ObjectiveSpec("first-choice", "strategic_outcome", "Outdoor people choose Northwind first",
        "Customers think of us before anyone else when they plan a trip, and come back for the next one.",
        COMPANY, Role.STRATEGY, null, "Maren Holt"));
    objectives.add(new ObjectiveSpec("profitable-growth", "strategic_outcome", "Grow profitably in every market we serve",
        "Revenue grows faster than the market while gross margin stays above 40 %.",
        COMPANY, Role.STRATEGY, null, "Tobias Brandt"));
    objectives.add(new ObjectiveSpec("delivery-promise", "strategic_outcome", "Every order arrives when we promised",
        "Delivery is a reason to buy from us, in peak season as much as in March.",
        COMPANY, Role.STRATEGY, null, "Ines Carvalho"));
    objectives.add(new ObjectiveSpec("circular-gear", "strategic_outcome", "Make repair and resale part of every purchase",
        "Gear lasts longer because we repair it, buy it back and sell it again.",
        COMPANY, Role.STRATEGY, null, "Sophie Lindqvist"));

    companyObjective("revenue-growth", "Grow net revenue by 25 % without buying it with discounts", "profitable-growth",
        "Tobias Brandt");
    kpiFollowing("revenue-run-rate", "Raise monthly net revenue from EUR 12.8M to EUR 16.0M", "net-revenue", "12.8", "16.0")
        .levels("14.5", "17.0");
    increase("gross-margin-lift", "Lift gross margin from 38.5 % to 41 %", "%", "38.5", "41.0");
    decrease("discounted-order-share", "Cut discounted orders from 46 % to 35 % of all orders", "%", "46", "35");

    companyObjective("recommended-brand", "Become the outdoor brand customers recommend", "first-choice", "Maren Holt");
    kpiFollowing("nps-lift", "Lift NPS from 33 to 40", "nps", "33", "40");
    increase("repeat-purchase-rate", "Raise the 12-month repeat purchase rate from 27 % to 33 %", "%", "27", "33");
    increase("verified-reviews", "Collect 4,000 verified reviews a month (from 1,650)", "reviews", "1650", "4000")
        .weight("0");

    companyObjective("reliable-delivery", "Deliver every order fast and right", "delivery-promise", "Ines Carvalho");
    kpiFollowing("on-time-delivery-rate", "Deliver 96 % of orders on time (from 92.5 %)", "on-time-delivery", "92.5", "96.0");
    decrease("cost-per-order", "Cut fulfilment cost per order from EUR 7.80 to EUR 6.50", "EUR", "7.80", "6.50");
    decrease("damaged-shipments", "Reduce damaged shipments from 1.8 % to 0.8 %", "%", "1.8", "0.8");

    companyObjective("circular-business", "Make circular gear a real business line", "circular-gear", "Sophie Lindqvist");
    increase("circular-revenue-share", "Grow repair and resale revenue from 1.2 % to 4 % of net revenue", "%", "1.2", "4.0")
        .levels("2.5", "5.0");
    milestones("resale-launch", "Launch the resale marketplace in three countries",
        "Pilot in Germany:2", "Launch in Austria:1", "Launch in the Netherlands:1", "Trade-in at checkout:2");
    binary("plastic-free-packaging", "Ship every parcel in plastic-free packaging");
  }

  private void addCommerce() {
    objective("more-orders", "commerce", "revenue-growth", "Turn more visits into orders");
    increase("mobile-conversion", "Raise mobile conversion from 1.7 % to 2.3 %", "%", "1.7", "2.3");
    increase("average-basket", "Grow average order value from EUR 86.40 to EUR 92.00", "EUR", "86.40", "92.00");
    decrease("cart-abandonment", "Cut cart abandonment from 71 % to 64 %", "%", "71", "64");

    objective("smart-pricing", "commerce", "revenue-growth", "Sell smarter, not cheaper");
    increase("promo-contribution-margin", "Lift contribution margin of promoted orders from -2.5 % to 1.5 %", "%",
        "-2.5", "1.5").levels("-0.5", "2.5");
    range("discount-depth", "Keep the average discount depth between 12 % and 18 %", "%", "12", "18", "4");
    decrease("markdown-stock", "Reduce end-of-season markdown stock from EUR 2.4M to EUR 1.6M", "EUR M", "2.4", "1.6");

    objective("effortless-checkout", "checkout", "more-orders", "Make checkout effortless on every device");
    increase("checkout-conversion", "Raise checkout conversion from 2.1 % to 3.0 %", "%", "2.1", "3.0")
        .owner("Lena Fischer").profile(ProgressProfile.ON_TRACK);
    // Flat for three weeks while the checkout rebuild delivers stories, so the demo shows a result
    // stalled despite effort.
    decrease(STALLED_KEY_RESULT, "Cut the median time to complete checkout from 190 s to 120 s", "s", "190", "120")
        .profile(ProgressProfile.LOW_CONFIDENCE).stalledFor(STALLED_DAYS);
    workItems("one-page-checkout", "Ship the one-page checkout", "CHK", 10);
    binary("wallet-payments", "Offer Apple Pay and Google Pay in all markets");

    objective("reliable-payments", "checkout", "smart-pricing", "Make payments reliable and cheaper");
    // Off track with a blocker, so the Checkout team's weekly brief has a risk to discuss.
    decrease("payment-failure-rate", "Reduce failed payment attempts from 6.5 % to 3.5 %", "%", "6.5", "3.5")
        .profile(ProgressProfile.OFF_TRACK);
    decrease("payment-fees", "Lower payment fees from 1.9 % to 1.6 % of revenue", "%", "1.9", "1.6").weight("2");
    milestones("psp-migration", "Move card payments to the new payment provider",
        "Contract signed:1", "Sandbox integration:2", "10 % of traffic:2", "All traffic:3");

    objective("first-time-buyers", "growth", "more-orders", "Turn first-time buyers into regulars");
    kpiFollowing("churn-reduction", "Cut monthly customer churn from 4.6 % to 3.9 %", "customer-churn", "4.6", "3.9");
    increase("second-order-rate", "Raise the 90-day second-order rate from 18 % to 24 %", "%", "18", "24");
    increase("loyalty-members", "Grow loyalty programme members from 210 k to 260 k", "k", "210", "260");

    objective("efficient-acquisition", "growth", "more-orders", "Win new customers for less");
    decrease("acquisition-cost", "Lower customer acquisition cost from EUR 38 to EUR 31", "EUR", "38", "31")
        .levels("34", "29");
    increase("organic-share", "Raise the organic share of new customers from 41 % to 48 %", "%", "41", "48");
    increase("newsletter-revenue-share", "Raise newsletter revenue from 11 % to 14 % of online revenue", "%", "11", "14");
    workItems("referral-programme", "Launch the referral programme", "GRW", 8);

    objective("partner-assortment", "marketplace", "more-orders", "Widen the assortment with trusted partner brands");
    increase("partner-brands", "Onboard 40 new partner brands (from 112 to 152)", "brands", "112", "152");
    increase("marketplace-gmv-share", "Grow the marketplace share of GMV from 9 % to 13 %", "%", "9", "13");
    decrease("partner-onboarding-days", "Cut partner onboarding from 21 days to 10 days", "days", "21", "10")
        .profile(ProgressProfile.STALE);
    binary("partner-returns", "Let partners handle returns through our returns portal");

    objective("partner-reliability", "marketplace", null, "Make partner orders as reliable as our own");
    decrease("partner-late-shipments", "Reduce late partner shipments from 8.5 % to 4 %", "%", "8.5", "4.0");
    range("listing-quality", "Keep the listing quality score between 85 and 95 points", "points", "85", "95", "10");
    milestones("partner-sla", "Roll out service levels for partners",
        "SLA agreed with the top 10 partners:1", "Partner dashboard:2", "Penalties and bonuses live:2");

    objective("dynamic-pricing", "pricing", "smart-pricing", "Price every product at the right moment");
    increase("dynamic-price-coverage", "Price 60 % of the catalogue dynamically (from 15 %)", "%", "15", "60");
    increase("price-index", "Reach a price index of 100 against the top three competitors (from 96.5)", "index",
        "96.5", "100.0");
    decrease("price-update-time", "Cut the time to publish a price change from 45 min to 5 min", "min", "45", "5");
    workItems("pricing-engine-v2", "Ship pricing engine v2", "PRC", 9);

    objective("profitable-promotions", "pricing", "smart-pricing", "Run promotions that pay for themselves");
    increase("promotion-roi", "Raise promotion ROI from 1.4 to 2.0", "ratio", "1.4", "2.0");
    decrease("promotion-cannibalisation", "Cut cannibalised promotion revenue from 22 % to 15 %", "%", "22", "15")
        .profile(ProgressProfile.STALE);
    binary("promotion-guardrails", "Block promotions that push the order margin below zero");
  }

  private void addProductAndTechnology() {
    objective("fast-and-safe", "product-tech", "recommended-brand", "Make every page fast and every release safe");
    kpiFollowing("uptime-target", "Hold storefront uptime at 99.95 % (from 99.86 %)", "storefront-uptime", "99.86", "99.95");
    decrease("change-failure-rate", "Cut the change failure rate from 14 % to 7 %", "%", "14", "7");
    decrease("mobile-lcp", "Bring mobile largest contentful paint from 3.4 s to 2.5 s", "s", "3.4", "2.5");

    objective("trusted-data", "product-tech", "revenue-growth", "Put trustworthy data behind every decision");
    increase("self-serve-reviews", "Run 80 % of weekly business reviews on self-serve dashboards (from 35 %)", "%",
        "35", "80");
    milestones("data-contracts", "Introduce data contracts for the five core domains",
        "Orders:1", "Customers:1", "Inventory:1", "Payments:1", "Returns:1");
    binary("retention-deletion", "Delete customer data automatically when its retention period ends");

    objective("weekly-app-habit", "mobile-app", "fast-and-safe", "Build an app customers open every week");
    kpiFollowing("crash-free", "Raise crash-free sessions from 99.2 % to 99.7 %", "crash-free-sessions", "99.20", "99.70");
    increase("weekly-app-users", "Grow weekly active app users from 96 k to 130 k", "k", "96", "130");
    increase("app-order-share", "Raise the app's share of orders from 22 % to 30 %", "%", "22", "30");
    milestones("shared-wish-lists", "Ship shared wish lists",
        "Design approved:1", "iOS release:2", "Android release:2", "Sharing by link:1");

    objective("fortnightly-releases", "mobile-app", "fast-and-safe", "Release the app every two weeks");
    decrease("app-release-cycle", "Cut the app release cycle from 28 days to 14 days", "days", "28", "14");
    increase("ui-test-coverage", "Cover 80 % of critical flows with UI tests (from 45 %)", "%", "45", "80");
    workItems("app-ci-pipeline", "Move app builds to the new CI pipeline", "APP", 7).unestimated();

    objective("fast-api", "platform", "fast-and-safe", "Keep the storefront API fast under load");
    kpiFollowing("api-latency", "Bring p95 API latency from 380 ms to 250 ms", "api-latency-p95", "380", "250")
        .levels("300", "220");
    decrease("checkout-api-errors", "Cut the checkout API error rate from 0.9 % to 0.3 %", "%", "0.9", "0.3");
    increase("cdn-hit-ratio", "Raise the CDN cache hit ratio from 82 % to 92 %", "%", "82", "92");
    range("cloud-spend", "Keep monthly cloud spend between EUR 180k and EUR 210k", "EUR k", "180", "210", "30");

    objective("self-service-platform", "platform", "fast-and-safe", "Let teams ship without waiting for us");
    decrease("new-service-lead-time", "Cut the lead time for a new service from 5 days to 1 day", "days", "5.0", "1.0");
    increase("golden-path-services", "Move 20 services to the golden path (from 6)", "services", "6", "20");
    workItems("kubernetes-upgrade", "Upgrade every cluster to a supported Kubernetes version", "PLT", 8);

    objective("numbers-you-trust", "data", "trusted-data", "Give every team numbers they can trust");
    decrease("data-incidents", "Cut data quality incidents from 14 to 4 a month", "incidents", "14", "4");
    range("pipeline-freshness", "Keep core pipeline freshness between 5 and 30 minutes", "min", "5", "30", "30");
    milestones("metrics-layer", "Launch the shared metrics layer",
        "Revenue metrics:2", "Customer metrics:2", "Inventory metrics:1", "Retire the old cubes:1");
    increase("documented-tables", "Document 90 % of core tables (from 40 %)", "%", "40", "90").weight("0");

    objective("personal-storefront", "data", "more-orders", "Personalise the storefront with machine learning");
    increase("recommendation-clicks", "Raise sessions with a recommendation click from 6 % to 9 %", "%", "6.0", "9.0");
    decrease("model-release-time", "Cut the time to release a model from 10 days to 3 days", "days", "10", "3");
    binary("feature-store-live", "Serve every production model from the feature store");

    objective("find-in-one-search", "search", "more-orders", "Help customers find the right gear in one search");
    kpiFollowing("search-ctr-lift", "Raise search click-through from 32 % to 37 %", "search-ctr", "32.0", "37.0");
    decrease("zero-result-searches", "Cut zero-result searches from 7.5 % to 3 %", "%", "7.5", "3.0");
    increase("search-conversion", "Raise the conversion of search sessions from 3.8 % to 4.6 %", "%", "3.8", "4.6");
    milestones("semantic-search", "Launch semantic search",
        "Offline evaluation:1", "A/B test on 10 % of traffic:2", "Rollout to all markets:2");

    objective("instant-search", "search", "fast-and-safe", "Make search feel instant");
    decrease("search-latency", "Bring p95 search latency from 650 ms to 300 ms", "ms", "650", "300");
    workItems("search-reindex", "Move search to the new index cluster", "SRC", 9);
    range("index-lag", "Keep search index lag between 0 and 120 seconds", "s", "0", "120", "120");
  }

  /**
   * Team objectives that support a company key result directly (the KR-to-objective cascade):
   * their parent key is a key result's key.
   */
  private void addCascades() {
    objective("resale-grading", "returns", "circular-revenue-share", "Grade returned gear fast enough to resell it");
    increase("grading-throughput", "Grade 2,500 returned items a week (from 900)", "items", "900", "2500");
    decrease("return-to-listing-days", "Cut the time from return to resale listing from 12 days to 4 days", "days",
        "12", "4");
    objective("review-moments", "marketplace", "verified-reviews",
        "Ask for a review when customers are out using their gear");
    increase("review-request-open-rate", "Raise the open rate of review requests from 22 % to 35 %", "%", "22", "35");
    binary("review-photos", "Accept photos in every review");
  }

  private void addOperations() {
    objective("peak-ready", "operations", "reliable-delivery", "Keep our delivery promise through peak season");
    increase("peak-capacity", "Raise peak picking capacity from 42,000 to 60,000 orders a day", "orders", "42000", "60000");
    binary("peak-rehearsal", "Pass the end-to-end peak rehearsal at three times normal order volume");
    range("warehouse-utilisation", "Keep warehouse utilisation between 78 % and 88 %", "%", "78", "88", "6");

    objective("first-contact", "operations", "recommended-brand", "Solve customer problems on the first contact");
    increase("first-contact-resolution", "Raise first-contact resolution from 64 % to 75 %", "%", "64", "75");
    decrease("repeat-contacts", "Cut repeat contacts per order from 0.42 to 0.30", "contacts", "0.42", "0.30");

    objective("same-day-shipping", "fulfilment", "peak-ready", "Ship every order the day it comes in");
    kpiFollowing("lead-time-cut", "Cut order-to-ship lead time from 28 h to 20 h", "order-lead-time", "28", "20");
    increase("same-day-share", "Ship 85 % of orders before 6 pm on the order day (from 62 %)", "%", "62", "85");
    decrease("picking-errors", "Reduce picking errors from 0.6 % to 0.25 %", "%", "0.60", "0.25");
    milestones("second-sorter", "Install the second parcel sorter",
        "Site survey:1", "Hardware delivered:2", "Integration tests:2", "Go-live:3");

    objective("calm-peak", "fulfilment", "peak-ready", "Get through peak without overtime");
    range("overtime-share", "Keep overtime between 0 % and 4 % of hours worked", "%", "0", "4", "4");
    increase("seasonal-staff-trained", "Train 120 seasonal workers before peak", "people", "0", "120");
    binary("peak-staffing-contract", "Sign the peak staffing contract with two agencies");

    objective("fast-answers", "customer-care", "first-contact", "Answer every customer within four hours");
    kpiFollowing("first-response", "Cut first response time from 9 h to 4 h", "first-response-time", "9.0", "4.0");
    decrease("ticket-backlog", "Bring the open ticket backlog from 1,800 to 600 tickets", "tickets", "1800", "600");
    increase("chat-hours", "Offer live chat 16 hours a day (from 9)", "hours", "9", "16");

    objective("happier-customers", "customer-care", "first-contact", "Leave every customer happier than they came");
    kpiFollowing("csat-lift", "Raise CSAT from 84 % to 89 %", "csat", "84", "89");
    increase("self-service-rate", "Resolve 35 % of questions through self-service (from 18 %)", "%", "18", "35");
    range("agent-occupancy", "Keep agent occupancy between 70 % and 85 %", "%", "70", "85", "10");
    workItems("help-centre", "Rebuild the help centre", "CARE", 8);

    objective("gear-in-stock", "supply-chain", "peak-ready", "Have the right gear in stock");
    kpiFollowing("in-stock", "Raise the in-stock rate from 93 % to 96.5 %", "in-stock-rate", "93.0", "96.5");
    decrease("forecast-error", "Cut demand forecast error from 32 % to 22 %", "%", "32", "22")
        .profile(ProgressProfile.STALE);
    range("stock-cover", "Keep stock cover between 45 and 60 days", "days", "45", "60", "15");
    workItems("auto-replenishment", "Automate replenishment orders for the top 500 products", "SUP", 8);

    objective("responsible-sourcing", "supply-chain", "circular-business", "Source responsibly and ship less air");
    increase("certified-suppliers", "Raise certified sustainable suppliers from 58 % to 75 %", "%", "58", "75");
    decrease("inbound-co2", "Cut inbound freight emissions from 410 t to 340 t CO2e", "t CO2e", "410", "340")
        .profile(ProgressProfile.PENDING);
    milestones("supplier-audits", "Audit the 12 largest suppliers",
        "Audit plan:1", "First six audits:2", "Last six audits:2", "Corrective actions agreed:1");

    objective("right-size-first", "returns", "first-contact", "Fewer returns because customers pick the right size");
    kpiFollowing("return-rate-cut", "Cut the return rate from 14 % to 12 %", "return-rate", "14.0", "12.0");
    increase("size-advisor-usage", "Get 30 % of apparel buyers to use the size advisor (from 8 %)", "%", "8", "30");
    decrease("wrong-size-returns", "Cut wrong-size returns from 38 % to 30 % of all returns", "%", "38", "30");
    workItems("size-advisor", "Ship size advisor v2", "RET", 8);

    objective("fast-refunds", "returns", "first-contact", "Refund within two days of a return arriving");
    decrease("refund-days", "Cut the time to refund from 6.5 days to 2 days", "days", "6.5", "2.0");
    increase("grade-a-resale", "Resell 45 % of returns as grade A (from 31 %)", "%", "31", "45")
        .profile(ProgressProfile.PENDING);
    binary("self-service-returns", "Let customers print return labels without contacting us");
  }

  private void addPreviousQuarter() {
    previousObjective("guest-checkout", "checkout", "Let customers check out as guests");
    increase("guest-checkout-share", "Reach 30 % of orders through guest checkout (from 0 %)", "%", "0", "30");
    decrease("checkout-form-errors", "Cut checkout form errors from 12 % to 6 %", "%", "12", "6");
    binary("address-autocomplete", "Autocomplete addresses in every market");

    previousObjective("see-incidents-first", "platform", "See every incident before customers do");
    increase("alert-coverage", "Alert on 90 % of customer-facing services (from 40 %)", "%", "40", "90");
    decrease("recovery-time", "Cut mean time to recovery from 95 min to 30 min", "min", "95", "30");
    milestones("request-tracing", "Trace every request end to end",
        "Collector deployed:1", "Checkout traced:2", "All services traced:2");

    previousObjective("right-item", "fulfilment", "Ship the right item every time");
    decrease("mispicks", "Reduce mispicks from 1.1 % to 0.5 %", "%", "1.1", "0.5");
    increase("scan-compliance", "Scan 98 % of items at packing (from 87 %)", "%", "87", "98");
  }

  // Builders. Key results attach to the objective created last.

  private void unit(String key, String name, String kind, String parentKey, String... people) {
    UnitSpec unit = new UnitSpec(key, name, kind, parentKey, List.of(people));
    units.add(unit);
    unitsByKey.put(key, unit);
  }

  private void kpi(String key, String title, String unitKey, String unit, String direction, String start,
                   String target, String green, String red, String latest) {
    kpis.add(new KpiSpec(key, title, unitKey, person(unitKey), unit, direction, decimal(start), decimal(target),
        decimal(green), decimal(red), latest == null ? null : decimal(latest), false));
  }

  private void companyObjective(String key, String title, String parentKey, String owner) {
    objective = new ObjectiveSpec(key, "objective", title, null, COMPANY, Role.YEAR, parentKey, owner);
    objectives.add(objective);
  }

  private void objective(String key, String unitKey, String parentKey, String title) {
    objective = new ObjectiveSpec(key, "objective", title, null, unitKey, Role.QUARTER, parentKey,
        unitsByKey.get(unitKey).lead());
    objectives.add(objective);
  }

  private void previousObjective(String key, String unitKey, String title) {
    objective = new ObjectiveSpec(key, "objective", title, null, unitKey, Role.PREVIOUS_QUARTER, null,
        unitsByKey.get(unitKey).lead());
    objectives.add(objective);
  }

  private KeyResultSpec add(String key, String title, String measurement) {
    KeyResultSpec spec = new KeyResultSpec(key, objective, title, measurement).owner(person(objective.unitKey()));
    keyResults.add(spec);
    return spec;
  }

  private KeyResultSpec increase(String key, String title, String unit, String start, String target) {
    return metric(key, title, "increase", unit, start, target);
  }

  private KeyResultSpec decrease(String key, String title, String unit, String start, String target) {
    return metric(key, title, "decrease", unit, start, target);
  }

  private KeyResultSpec metric(String key, String title, String measurement, String unit, String start, String target) {
    KeyResultSpec spec = add(key, title, measurement);
    spec.unit = unit;
    spec.start = decimal(start);
    spec.target = decimal(target);
    return spec;
  }

  private KeyResultSpec kpiFollowing(String key, String title, String kpiKey, String start, String target) {
    KpiSpec kpi = kpis.stream().filter(k -> k.key().equals(kpiKey)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the demo catalog has no KPI " + kpiKey));
    KeyResultSpec spec = add(key, title, "kpi");
    spec.kpiKey = kpiKey;
    spec.unit = kpi.unit();
    spec.start = decimal(start);
    spec.target = decimal(target);
    return spec;
  }

  private KeyResultSpec range(String key, String title, String unit, String low, String high, String tolerance) {
    KeyResultSpec spec = add(key, title, "range");
    spec.unit = unit;
    spec.low = decimal(low);
    spec.high = decimal(high);
    spec.tolerance = decimal(tolerance);
    return spec;
  }

  /** Adds a milestone key result; each milestone is written "title:weight". */
  private KeyResultSpec milestones(String key, String title, String... milestones) {
    KeyResultSpec spec = add(key, title, "milestone");
    List<MilestoneSpec> list = new ArrayList<>();
    for (String milestone : milestones) {
      int colon = milestone.lastIndexOf(':');
      list.add(new MilestoneSpec(milestone.substring(0, colon), decimal(milestone.substring(colon + 1))));
    }
    spec.milestones = List.copyOf(list);
    return spec;
  }

  private KeyResultSpec binary(String key, String title) {
    return add(key, title, "binary");
  }

  private KeyResultSpec workItems(String key, String title, String project, int count) {
    KeyResultSpec spec = add(key, title, "work_items");
    spec.workProject = project;
    spec.workItemCount = count;
    return spec;
  }

  /** Returns the unit's people in turn, so that a team's key results spread over its members. */
  private String person(String unitKey) {
    List<String> people = unitsByKey.get(unitKey).people();
    int turn = ownerTurns.merge(unitKey, 1, Integer::sum) - 1;
    return people.get(turn % people.size());
  }

  private static BigDecimal decimal(String value) {
    return new BigDecimal(value);
  }
}
