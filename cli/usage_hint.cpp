#include "usage_hint.hpp"

namespace apicat::cli {

namespace {

// The option that carries `input` ("--target-url"), or "" when no option does.
std::string option_for(Input input)
{
    switch (input) {
    case Input::title:
        return "--title";
    case Input::base_path:
        return "--base-path";
    case Input::target_url:
        return "--target-url";
    case Input::parameter:
        return "--param";
    case Input::response:
        return "--response";
    case Input::api:
        return "--api DRAFT";
    case Input::plan:
        return "--plan";
    case Input::subscribed_plan:
        // `app subscribe` takes it alone, `app register` after the product.
        return "--plan, or --subscribe PRODUCT:PLAN";
    case Input::key_name:
        return "--key";
    case Input::force:
        return "--force";
    case Input::home:
        return "--home DIR (or APICAT_HOME)";
    case Input::unnamed:
        break;
    }
    return "";
}

} // namespace

std::string hint_naming_option(const Error& error)
{
    const std::string option = option_for(error.input());
    if (option.empty()) {
        return error.hint();
    }
    if (error.input() == Input::force && !error.hint().empty()) {
        return "pass " + option + " to " + error.hint(); // the hint says what forcing does
    }
    return error.hint().empty() ? option : option + ": " + error.hint();
}

} // namespace apicat::cli
