#include "product/product.hpp"

#include "errors.hpp"
#include "openapi/render.hpp"
#include "openapi/text_style.hpp"
#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using apicat::test::ScratchDir;
using apicat::test::source_file;
using namespace apicat::product;

namespace fs = std::filesystem;

namespace {

// A valid product, one line per fact, so a defect's line number is easy to state.
const std::string valid_product = R"(product: 1.0.0
info:
  name: weather-product
  title: Weather Product
  version: 1.0.0
apis:
  weather-provider-api:
    $ref: weather-provider.yaml
plans:
  default:
    title: Default Plan
    rate-limits:
      default:
        value: 100/1hour
    approval: false
)";

std::string replaced_once(std::string text, const std::string& from, const std::string& to)
{
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

std::string load_error(const std::string& text)
{
    ScratchDir dir;
    fs::path file = dir.write("product.yaml", text);
    try {
        load_product(file.string());
    } catch (const apicat::Error& e) {
        std::string message = e.what();
        // Keep what follows the folder, so checks read "product.yaml:3:9: ...".
        auto at = message.find("product.yaml");
        return at == std::string::npos ? message : message.substr(at);
    }
    return "(no error)";
}

template <typename Call> std::string usage_error_of(Call&& call)
{
    try {
        call();
    } catch (const apicat::UsageError& e) {
        return e.what();
    } catch (const apicat::Error& e) {
        return std::string("(not a usage error) ") + e.what();
    }
    return "(no error)";
}

NewProductSpec weather_spec()
{
    NewProductSpec spec;
    spec.title = "Weather Product";
    spec.apis = {ProductApi{"weather-provider-api", "weather-provider.yaml", ""}};
    spec.plans = {parse_plan_spec("default:100/1hour")};
    return spec;
}

} // namespace

TEST_CASE("the sample weather product loads with its api and plan")
{
    ScratchDir dir;
    fs::path file = dir.write("weather-product.yaml", source_file("specs/weather-product.yaml"));
    dir.write("weather-provider.yaml", source_file("specs/weather-provider.yaml"));

    Product product = load_product(file.string());
    CHECK(product.file == file.string());
    CHECK(product.name == "weather-product");
    CHECK(product.title == "Weather Product");
    CHECK(product.version == "1.0.0");
    CHECK(product.document["visibility"]["view"]["type"] == "public");
    REQUIRE(product.apis.size() == 1);
    CHECK(product.apis[0].name == "weather-provider-api");
    CHECK(product.apis[0].ref == "weather-provider.yaml");
    CHECK(resolve_api_file(product, product.apis[0]) == dir.path() / "weather-provider.yaml");
    CHECK(fs::exists(resolve_api_file(product, product.apis[0])));
    REQUIRE(product.plans.size() == 1);
    const Plan& plan = product.plans[0];
    CHECK(plan.name == "default");
    CHECK(plan.title == "Default Plan");
    REQUIRE(plan.limits.size() == 1);
    CHECK(plan.limits[0].name == "default");
    CHECK(plan.limits[0].rate.count == 100);
    CHECK(plan.limits[0].rate.window_seconds == 3600);
    CHECK(plan.limits[0].hard);
    CHECK_FALSE(plan.approval);
}

TEST_CASE("an api ref is resolved from the product's folder unless it is absolute")
{
    ScratchDir dir;
    fs::path draft = dir.write("drafts/weather.yaml", "swagger: '2.0'\n");
    Product product;
    product.file = (dir.path() / "weather-product.yaml").string();
    CHECK(resolve_api_file(product, {"a", "drafts/weather.yaml", ""}) == draft);
    CHECK(resolve_api_file(product, {"a", "./drafts/weather.yaml", ""}) == draft);
    CHECK(resolve_api_file(product, {"a", draft.string(), ""}) == draft);
    product.file = dir.write("elsewhere/weather-product.yaml", "").string();
    CHECK(resolve_api_file(product, {"a", "../drafts/weather.yaml", ""}) == draft);
    CHECK(ref_path(".\\drafts\\weather.yaml") == fs::path("drafts/weather.yaml"));
}

TEST_CASE("a plan's title, rate limits and approval have defaults")
{
    ScratchDir dir;
    std::string text =
        replaced_once(valid_product, R"(  default:
    title: Default Plan
    rate-limits:
      default:
        value: 100/1hour
    approval: false
)",
                      "  free: {}\n  gold: {rate-limits: {burst: {value: 10/second}, "
                      "hourly: {value: 1000/1hour}}, approval: true}\n  open:\n");
    Product product = load_product(dir.write("product.yaml", text).string());
    REQUIRE(product.plans.size() == 3);
    CHECK(product.plans[0].name == "free");
    CHECK(product.plans[0].title == "free");
    CHECK(product.plans[0].limits.empty());
    CHECK_FALSE(product.plans[0].approval);
    REQUIRE(product.plans[1].limits.size() == 2); // every one, in the order written
    CHECK(product.plans[1].limits[0].name == "burst");
    CHECK(product.plans[1].limits[0].rate.text == "10/second");
    CHECK(product.plans[1].limits[1].name == "hourly");
    CHECK(product.plans[1].approval);
    CHECK(product.plans[2].name == "open");
    CHECK(product.plans[2].limits.empty());
    CHECK_FALSE(product.plans[2].apis); // every api of the product
}

TEST_CASE("an unquoted product version keeps the digits as written")
{
    ScratchDir dir;
    std::string text = replaced_once(valid_product, "version: 1.0.0", "version: 1.10");
    CHECK(load_product(dir.write("a.yaml", text).string()).version == "1.10");
    text = replaced_once(valid_product, "version: 1.0.0", "version: 2");
    CHECK(load_product(dir.write("b.yaml", text).string()).version == "2");
    text = replaced_once(valid_product, "version: 1.0.0", "version: '1.0'");
    CHECK(load_product(dir.write("c.yaml", text).string()).version == "1.0");
}

TEST_CASE("a product written in JSON loads too")
{
    ScratchDir dir;
    std::string text = R"({"product": "1.0.0",
 "info": {"name": "p", "title": "P", "version": 1.0},
 "apis": {"a": {"$ref": "a.json"}},
 "plans": {"default": {"rate-limits": {"default": {"value": "5/minute"}}}}})";
    Product product = load_product(dir.write("p.json", text).string());
    CHECK(product.version == "1.0");
    CHECK(product.plans[0].limits[0].rate.window_seconds == 60);
}

TEST_CASE("a new product document has the shape API Connect uses")
{
    NewProductSpec spec = weather_spec();
    spec.plans.push_back(parse_plan_spec("gold:1000/1hour:approval"));
    apicat::Json document = new_product_document(spec);
    std::string text = apicat::openapi::render_document(
        document, apicat::openapi::default_text_style(apicat::openapi::Syntax::yaml));
    CHECK(text == R"(product: 1.0.0
info:
  name: weather-product
  title: Weather Product
  version: 1.0.0
apis:
  weather-provider-api:
    $ref: weather-provider.yaml
plans:
  default:
    title: Default Plan
    rate-limits:
      default:
        value: 100/1hour
    approval: false
  gold:
    title: Gold Plan
    rate-limits:
      default:
        value: 1000/1hour
    approval: true
visibility:
  view:
    type: public
  subscribe:
    type: authenticated
)");
}

TEST_CASE("a new product reads back as it was made")
{
    NewProductSpec spec = weather_spec();
    spec.name = "weather";
    spec.version = "2.0";
    spec.apis.push_back(ProductApi{"forecast-api", "apis/forecast.json", ""});
    spec.plans.push_back(parse_plan_spec("free"));
    spec.plans.push_back(parse_plan_spec("gold:5000/1day:approval"));
    ScratchDir dir;
    std::string text = apicat::openapi::render_document(
        new_product_document(spec),
        apicat::openapi::default_text_style(apicat::openapi::Syntax::yaml));
    Product product = load_product(dir.write("weather.yaml", text).string());

    CHECK(product.name == "weather");
    CHECK(product.title == "Weather Product");
    CHECK(product.version == "2.0");
    REQUIRE(product.apis.size() == 2);
    CHECK(product.apis[1].name == "forecast-api");
    CHECK(product.apis[1].ref == "apis/forecast.json");
    REQUIRE(product.plans.size() == 3);
    CHECK(product.plans[0].limits[0].rate.text == "100/1hour");
    CHECK(product.plans[1].title == "Free Plan");
    CHECK(product.plans[1].limits[0].rate.unlimited);
    CHECK_FALSE(product.plans[1].approval);
    CHECK(product.plans[2].limits[0].rate.window_seconds == 86400);
    CHECK(product.plans[2].approval);
}

TEST_CASE("a new product without plans gets an unlimited default plan")
{
    NewProductSpec spec = weather_spec();
    spec.plans.clear();
    apicat::Json plans = new_product_document(spec)["plans"];
    REQUIRE(plans.size() == 1);
    CHECK(plans["default"]["title"] == "Default Plan");
    CHECK(plans["default"]["rate-limits"]["default"]["value"] == "unlimited");
    CHECK(plans["default"]["approval"] == false);
}

TEST_CASE("a new product refuses what it could not load")
{
    NewProductSpec spec = weather_spec();
    spec.apis.clear();
    CHECK(usage_error_of([&] { new_product_document(spec); }) ==
          "a product needs at least one api");

    spec = weather_spec();
    spec.title = "!!!";
    CHECK(usage_error_of([&] { new_product_document(spec); }) == "invalid title '!!!'");

    spec = weather_spec();
    spec.name = "weather product";
    CHECK(usage_error_of([&] {
              new_product_document(spec);
          }).find("invalid product name 'weather product'") == 0);

    spec = weather_spec();
    spec.plans.push_back(parse_plan_spec("default"));
    CHECK(usage_error_of([&] { new_product_document(spec); }) == "plan 'default' is given twice");

    spec = weather_spec();
    spec.plans[0].rate = "lots";
    CHECK(usage_error_of([&] { new_product_document(spec); }).find("invalid rate limit 'lots'") ==
          0);
}

TEST_CASE("product names come from titles")
{
    CHECK(product_name_for("Weather Product") == "weather-product");
    CHECK(product_name_for("  Weather   Product  ") == "weather-product");
    CHECK(product_name_for("Weather") == "weather");
}

TEST_CASE("plan specs give a name, an optional rate and optional approval")
{
    PlanSpec spec = parse_plan_spec("default:100/1hour");
    CHECK(spec.name == "default");
    CHECK(spec.rate == "100/1hour");
    CHECK_FALSE(spec.approval);

    spec = parse_plan_spec("free");
    CHECK(spec.name == "free");
    CHECK(spec.rate == "unlimited");
    CHECK_FALSE(spec.approval);

    spec = parse_plan_spec("gold:1000/1hour:approval");
    CHECK(spec.rate == "1000/1hour");
    CHECK(spec.approval);

    spec = parse_plan_spec("gold:approval");
    CHECK(spec.rate == "unlimited");
    CHECK(spec.approval);
}

TEST_CASE("bad plan specs are usage errors")
{
    CHECK(usage_error_of([] { parse_plan_spec("gold:1000/1hour:yes"); }) ==
          "invalid plan 'gold:1000/1hour:yes'");
    CHECK(usage_error_of([] { parse_plan_spec("a:b:c:d"); }) == "invalid plan 'a:b:c:d'");
    CHECK(usage_error_of([] {
              parse_plan_spec("gold:1000/1fortnight");
          }).find("invalid rate limit '1000/1fortnight'") == 0);
    CHECK(usage_error_of([] { parse_plan_spec("gold:"); }).find("invalid rate limit ''") == 0);
    CHECK(usage_error_of([] { parse_plan_spec(""); }).find("invalid plan name ''") == 0);
    CHECK(usage_error_of([] {
              parse_plan_spec("my plan:10/second");
          }).find("invalid plan name 'my plan'") == 0);
}

// Found by fuzz/product_file.cpp: `product create --plan` took this name and wrote a product file
// that apicat then refused to read ("not a text file"); `-o json` showed an app of such a name
// under another one (its bytes replaced by U+FFFD).
TEST_CASE("names that are not UTF-8 text are refused, shown escaped")
{
    const std::string found = std::string(8, '\xff') + "d"; // the fuzzer's input
    CHECK(usage_error_of([&] { parse_plan_spec(found); }) ==
          "invalid plan name '\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xffd': it is not UTF-8 text");
    CHECK(usage_error_of([] { check_object_name("caf\xe9", "app name"); }) ==
          "invalid app name 'caf\\xe9': it is not UTF-8 text");
}

TEST_CASE("product, plan and other object names refuse separators, control characters and spaces")
{
    CHECK_NOTHROW(check_object_name("weather-product", "product name"));
    CHECK_NOTHROW(check_object_name("Gold_Plan.v2", "plan name"));
    CHECK_NOTHROW(check_object_name(std::string(64, 'a'), "app name"));

    auto problem = [](const std::string& name) {
        return usage_error_of([&] { check_object_name(name, "app name"); });
    };
    CHECK(problem("") == "invalid app name '': it is empty");
    CHECK(problem(std::string(65, 'a')).find("it is longer than 64 characters") !=
          std::string::npos);
    CHECK(problem("my app") == "invalid app name 'my app': it contains a space");
    CHECK(problem("a/b") == "invalid app name 'a/b': it contains '/'");
    CHECK(problem("a\\b") == "invalid app name 'a\\b': it contains '\\'");
    CHECK(problem("a:b") == "invalid app name 'a:b': it contains ':'");
    CHECK(problem("a\tb") == "invalid app name 'a\\x09b': it contains a control character");
    CHECK(problem(".hidden") == "invalid app name '.hidden': it starts with '.'");
    CHECK(problem("-v") == "invalid app name '-v': it starts with '-'");
    CHECK(problem("caf\xc3\xa9") == "(no error)"); // UTF-8 is fine

    try {
        check_object_name("a b", "plan name");
    } catch (const apicat::UsageError& e) {
        CHECK(std::string(e.hint()).find("letters, digits") != std::string::npos);
    }
}

TEST_CASE("each defect in a product file is reported at its line")
{
    struct Case {
        std::string from;
        std::string to;
        std::string expected;
    };
    const Case cases[] = {
        {"product: 1.0.0", "product: 2.0.0",
         "product.yaml:1:10: unsupported product version '2.0.0'"},
        {"product: 1.0.0\n", "", "product.yaml:1:1: missing 'product'"},
        {"  name: weather-product\n", "", "product.yaml:3:3: missing 'info.name'"},
        {"  title: Weather Product", "  title: 42",
         "product.yaml:4:10: expected 'info.title' to be a string, found a number"},
        {"  version: 1.0.0", "  version: ''", "product.yaml:5:12: 'info.version' is empty"},
        {"  name: weather-product", "  name: weather/product",
         "product.yaml:3:9: invalid product name 'weather/product': it contains '/'"},
        {"apis:\n  weather-provider-api:\n    $ref: weather-provider.yaml\n", "apis: {}\n",
         "product.yaml:6:7: the product has no apis"},
        {"    $ref: weather-provider.yaml", "    ref: weather-provider.yaml",
         "product.yaml:8:5: api 'weather-provider-api' has neither '$ref' nor 'name'"},
        {"  weather-provider-api:\n    $ref: weather-provider.yaml",
         "  weather-provider-api: weather-provider.yaml",
         "product.yaml:7:25: expected 'apis.weather-provider-api' to be a mapping, found a "
         "string"},
        {"  default:\n    title: Default Plan\n    rate-limits:\n      default:\n        value: "
         "100/1hour\n    approval: false\n",
         "  {}\n", "product.yaml:10:3: the product has no plans"},
        {"        value: 100/1hour", "        value: 100/1fortnight",
         "product.yaml:14:16: invalid rate limit '100/1fortnight': unknown time unit "
         "'fortnight'"},
        {"        value: 100/1hour", "        value: 0/1hour",
         "product.yaml:14:16: invalid rate limit '0/1hour': a limit of zero calls allows "
         "nothing"},
        {"        value: 100/1hour", "        limit: 100/1hour",
         "product.yaml:14:9: missing 'plans.default.rate-limits.default.value'"},
        {"    rate-limits:\n      default:\n        value: 100/1hour\n",
         "    rate-limits: 100/1hour\n",
         "product.yaml:12:18: expected 'plans.default.rate-limits' to be a mapping, found a "
         "string"},
        {"    approval: false", "    approval: 'no'",
         "product.yaml:15:15: expected 'plans.default.approval' to be true or false, found a "
         "string"},
        {"  default:\n", "  my plan:\n",
         "product.yaml:10:3: invalid plan name 'my plan': it contains a space"},
        {"  weather-provider-api:", "  '.weather':",
         "product.yaml:7:3: invalid api name '.weather': it starts with '.'"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.to);
        CHECK(load_error(replaced_once(valid_product, c.from, c.to)) == c.expected);
    }
}

TEST_CASE("a file that is not a product mapping is refused")
{
    CHECK(load_error("- product: 1.0.0\n") == "product.yaml:1:1: expected a product, found a list");
    CHECK(load_error("plans: [\n").find("product.yaml:") == 0);
}
