#pragma once

// The fuzz targets' checks: each takes any bytes, feeds them to one part of apicat that the
// outside world controls, and throws PropertyFailed (fuzz_property.hpp) when a property breaks.
// libfuzzer_main.cpp runs one under libFuzzer; tests/test_fuzz_corpus.cpp replays fuzz/corpus/
// through all of them in the default test suite.

#include <string_view>

namespace apicat::fuzz {

// The draft loader and the security edits (draft_edits.cpp).
void draft_edits(std::string_view input);
// Product files, rate limits and --plan values (product_file.cpp).
void product_file(std::string_view input);
// The gateway engine's routing and security evaluation (gateway_request.cpp).
void gateway_request(std::string_view input);

} // namespace apicat::fuzz
