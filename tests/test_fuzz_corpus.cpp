// The fuzz targets' corpora, replayed through their properties in the default suite: the seeds
// and every input a fuzzer once crashed on (kept in fuzz/corpus/<target>/ as regression-*), so
// that what was fixed stays fixed without running a fuzzer.

#include "fuzz_property.hpp"
#include "fuzz_targets.hpp"
#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;
using apicat::test::source_file;

namespace {

using Check = void (*)(std::string_view);

// The inputs of one target, by name.
std::vector<std::string> corpus(const std::string& target)
{
    std::vector<std::string> names;
    for (const auto& entry :
         fs::directory_iterator(fs::path(APICAT_SOURCE_DIR) / "fuzz" / "corpus" / target)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

void replay(const std::string& target, Check check)
{
    std::vector<std::string> names = corpus(target);
    CHECK(names.size() >= 5);
    for (const std::string& name : names) {
        CAPTURE(name);
        try {
            check(source_file("fuzz/corpus/" + target + "/" + name));
        } catch (const apicat::fuzz::PropertyFailed& failure) {
            FAIL_CHECK(std::string(failure.what()));
        }
    }
}

} // namespace

TEST_CASE("the draft loader and the security edits keep their properties on the fuzz corpus")
{
    replay("draft_edits", apicat::fuzz::draft_edits);
}

TEST_CASE("product files, rate limits and plans keep their properties on the fuzz corpus")
{
    replay("product_file", apicat::fuzz::product_file);
}

TEST_CASE("the gateway engine keeps its properties on the fuzz corpus")
{
    replay("gateway_request", apicat::fuzz::gateway_request);
}
