#pragma once

// `apicat invoke … -o json` run in a scratch folder, read for what the end-to-end tests of
// security check: the status, and why the gateway refused when it did.

#include "support/scratch_dir.hpp"

#include <string>
#include <vector>

namespace apicat::test {

struct Invoked {
    int status = 0;
    std::string more_information; // empty unless the answer's body is a JSON error

    bool operator==(const Invoked&) const = default;
};

// Runs `apicat invoke` with `args` and `-o json` in `dir`.
Invoked invoke(const ScratchDir& dir, std::vector<std::string> args);

} // namespace apicat::test
