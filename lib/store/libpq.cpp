#include "store/libpq.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <dlfcn.h>

namespace apicat::store {

namespace {

// The name Debian's libpq5 installs, and the one ABI every libpq since PostgreSQL 8.0 has kept.
constexpr const char* libpq_file = "libpq.so.5";

Libpq load_libpq()
{
    // RTLD_LOCAL: libpq's symbols serve these pointers alone, never another library's lookups.
    void* handle = dlopen(libpq_file, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        throw Error(fmt::format("cannot load {}, which a PostgreSQL store needs: {}", libpq_file,
                                dlerror()),
                    "install libpq (Debian's package libpq5)");
    }
    Libpq loaded;
#define APICAT_LIBPQ_LOAD(name)                                                                    \
    loaded.name = reinterpret_cast<decltype(&::name)>(dlsym(handle, #name));                       \
    if (loaded.name == nullptr) {                                                                  \
        throw Error(fmt::format("{} has no function {}", libpq_file, #name),                       \
                    "install a libpq of PostgreSQL 10 or later (Debian's package libpq5)");        \
    }
    APICAT_LIBPQ_FUNCTIONS(APICAT_LIBPQ_LOAD)
#undef APICAT_LIBPQ_LOAD
    return loaded;
}

} // namespace

const Libpq& libpq()
{
    // A failed load throws out of the initialisation, and the next call tries again.
    static const Libpq loaded = load_libpq();
    return loaded;
}

} // namespace apicat::store
