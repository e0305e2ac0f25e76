#pragma once

// The apicat binary under test run in a scratch folder, as the end-to-end tests run most of
// their commands: one whose outcome the test checks, and one that must succeed.

#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"

#include <string>
#include <vector>

namespace apicat::test {

// Runs apicat in `dir`, feeding it `input` on stdin, whatever its outcome.
RunResult apicat_in(const ScratchDir& dir, const std::vector<std::string>& args,
                    const std::string& input = {});

// Runs apicat in `dir`; the test fails unless it exits 0. Returns its standard output.
std::string apicat_ok(const ScratchDir& dir, const std::vector<std::string>& args);

} // namespace apicat::test
