#pragma once

// Opening the local store for a command: the home from --home and the environment, and the
// default catalog created on first use.

#include "context.hpp"

#include "store/sqlite_store.hpp"
#include "store/store.hpp"

#include <memory>

namespace apicat::cli {

std::unique_ptr<store::Store>
open_store(const GlobalOptions& global, store::LogAtClose at_close = store::LogAtClose::checkpoint);

} // namespace apicat::cli
