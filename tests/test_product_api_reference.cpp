// Finding a product's drafts: by $ref (also written on Windows) and by `name: API:VERSION`
// against the drafts beside the product file.

#include "product/api_reference.hpp"
#include "product/product.hpp"

#include "errors.hpp"
#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <string>

using apicat::test::ScratchDir;
using namespace apicat::product;

namespace fs = std::filesystem;

namespace {

std::string draft(const std::string& info)
{
    return "swagger: '2.0'\ninfo: " + info + "\npaths: {}\n";
}

Product product_in(const ScratchDir& dir)
{
    Product product;
    product.file = (dir.path() / "weather-product.yaml").string();
    return product;
}

std::string reference_error(const Product& product, const ProductApi& api)
{
    try {
        resolve_api_file(product, api);
    } catch (const apicat::Error& e) {
        return std::string(e.what()) + " | " + e.hint();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("a name reference finds the draft by x-ibm-name, or title slug, and version")
{
    ScratchDir dir;
    dir.write("weather-product.yaml", "product: 1.0.0\n");
    dir.write("notes.json", "{\"not\": \"a draft\"}");
    dir.write("broken.yml", "swagger: [\n");
    fs::path one = dir.write("weather-1.yaml", draft("{x-ibm-name: weather-provider-api, "
                                                     "title: Weather, version: 1.0.0}"));
    fs::path two = dir.write("weather-2.yml", draft("{x-ibm-name: weather-provider-api, "
                                                    "title: Weather, version: 2.0.0}"));
    fs::path titled =
        dir.write("forecast.json", R"({"swagger": "2.0", "info": {"title": "Forecast API",
                                       "version": "1.0"}, "paths": {}})");
    Product product = product_in(dir);
    CHECK(resolve_api_file(product, {"w", "", "weather-provider-api:1.0.0"}) == one);
    CHECK(resolve_api_file(product, {"w", "", "weather-provider-api:2.0.0"}) == two);
    CHECK(resolve_api_file(product, {"f", "", "forecast-api:1.0"}) == titled);
    CHECK(resolve_api_file(product, {"f", "", "forecast-api"}) == titled);
}

TEST_CASE("a name reference that finds no draft names the drafts it found")
{
    ScratchDir dir;
    dir.write("weather.yaml",
              draft("{x-ibm-name: weather-provider-api, title: W, version: 1.0.0}"));
    dir.write("weather-v1.1.yaml",
              draft("{x-ibm-name: weather-provider-api, title: W, version: 1.1.0}"));
    Product product = product_in(dir);
    std::string error = reference_error(product, {"w", "", "weather-provider-api:3.0.0"});
    CHECK(error.find("weather-product.yaml: api 'w': no draft in ") != std::string::npos);
    CHECK(error.find(" is 'weather-provider-api:3.0.0'") != std::string::npos);
    CHECK(error.find("| the drafts there: weather-provider-api:1.1.0 (weather-v1.1.yaml), "
                     "weather-provider-api:1.0.0 (weather.yaml)") != std::string::npos);
    // Without a version, two drafts of that name are one too many.
    CHECK(reference_error(product, {"w", "", "weather-provider-api"}).find("names 2 drafts") !=
          std::string::npos);
}

TEST_CASE("a $ref with Windows separators or ./ finds the draft, and a missing one is told")
{
    ScratchDir dir;
    fs::path file = dir.write("apis/weather.yaml", draft("{title: W, version: 1}"));
    Product product = product_in(dir);
    CHECK(resolve_api_file(product, {"w", ".\\apis\\weather.yaml", ""}) == file);
    CHECK(resolve_api_file(product, {"w", "./apis/weather.yaml", ""}) == file);
    ApiFile missing = find_api_file(product, {"w", "./apis/gone.yaml", ""});
    CHECK(missing.path.empty());
    CHECK(missing.problem.find("apis/gone.yaml' is not there") != std::string::npos);
}
