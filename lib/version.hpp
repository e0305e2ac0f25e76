#pragma once

// apicat's version and those of the libraries that decide how it behaves (HTTP, TLS, the
// store), for `apicat --version` and for bug reports.

#include <string>
#include <vector>

namespace apicat {

struct LibraryVersion {
    std::string name;
    std::string version; // as the library reports it at run time, when it can
};

const char* apicat_version();

// SQLite and OpenSSL as loaded at run time (Debian may update them under a built apicat), then
// Boost, whose Asio and Beast (apicat's HTTP client and server) are compiled in.
std::vector<LibraryVersion> linked_library_versions();

} // namespace apicat
