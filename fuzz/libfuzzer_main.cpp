// libFuzzer's entry for one target: APICAT_FUZZ_TARGET names its check (fuzz_targets.hpp).
// A broken property aborts, which libFuzzer reports as a crash and saves the input that
// caused it; any exception but apicat::Error escapes the check and does the same.

#include "fuzz_property.hpp"
#include "fuzz_targets.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        apicat::fuzz::APICAT_FUZZ_TARGET(
            std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const apicat::fuzz::PropertyFailed& failure) {
        std::fprintf(stderr, "apicat fuzz: %s\n", failure.what());
        std::abort();
    }
    return 0;
}
