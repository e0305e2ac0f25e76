#include "support/weather_scenario.hpp"

#include "support/apicat_in.hpp"

namespace apicat::test {

void publish_weather(const ScratchDir& dir, const std::string& target_url, const std::string& title,
                     const std::vector<std::string>& global)
{
    auto run = [&](std::vector<std::string> args) {
        args.insert(args.end(), global.begin(), global.end());
        return apicat_ok(dir, args);
    };
    const char* draft = "weather.yaml";
    run({"api", "create", draft, "--title", title, "--base-path", "/weather", "--target-url",
         target_url});
    dir.write("example.json", R"({"zip": "00000", "mocked": true})");
    run({"operation", "add", draft, "GET /current", "--param", "zipcode:query:string:required",
         "--example", "example.json"});
    run({"security-definition", "add", draft, "client-id", "--type", "apiKey", "--key",
         "X-IBM-Client-Id"});
    run({"security-definition", "add", draft, "client-secret", "--type", "apiKey", "--key",
         "X-IBM-Client-Secret"});
    run({"security", "add", draft, "client-id", "client-secret"});
    run({"product", "create", "weather-product.yaml", "--title", "Weather Product", "--api", draft,
         "--plan", "default:100/1hour"});
    run({"publish", "weather-product.yaml"});
}

} // namespace apicat::test
