#pragma once

// How a fuzz target says that a property broke: it throws PropertyFailed, naming the property
// and showing what broke it. The libFuzzer entry turns that into an abort, which libFuzzer
// reports as a crash, saving the input; the test suite's replay of the corpus into a failed
// check.

#include <stdexcept>
#include <string>

namespace apicat::fuzz {

class PropertyFailed : public std::logic_error {
public:
    PropertyFailed(const std::string& property, const std::string& detail)
        : std::logic_error("property failed: " + property + "\n" + detail)
    {
    }
};

[[noreturn]] inline void property_failed(const std::string& property, const std::string& detail)
{
    throw PropertyFailed(property, detail);
}

inline void expect(bool holds, const std::string& property, const std::string& detail = {})
{
    if (!holds) {
        property_failed(property, detail);
    }
}

} // namespace apicat::fuzz
