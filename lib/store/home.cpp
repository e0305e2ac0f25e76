#include "store/store.hpp"

#include "errors.hpp"

#include <cstdlib>

namespace apicat::store {

namespace {

// An empty variable counts as unset, as the XDG base directory spec asks.
const char* environment(const char* name)
{
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : nullptr;
}

} // namespace

std::filesystem::path resolve_home(const std::string& option)
{
    if (!option.empty()) {
        return option;
    }
    if (const char* home = environment("APICAT_HOME")) {
        return home;
    }
    if (const char* data = environment("XDG_DATA_HOME")) {
        return std::filesystem::path(data) / "apicat";
    }
    if (const char* user = environment("HOME")) {
        return std::filesystem::path(user) / ".local" / "share" / "apicat";
    }
    throw Error("cannot tell where the apicat store is: neither APICAT_HOME, XDG_DATA_HOME nor "
                "HOME is set",
                "the directory apicat keeps its store in", Input::home);
}

} // namespace apicat::store
