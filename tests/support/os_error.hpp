#pragma once

// The support code's way out when a system call fails: an exception that says what it was
// doing and what the system said, for the test that called it to report.

#include <cstring>
#include <stdexcept>
#include <string>

namespace apicat::test {

// Throws std::runtime_error "<what>: <strerror(error)>"; `error` is the errno value.
[[noreturn]] inline void throw_os_error(const std::string& what, int error)
{
    throw std::runtime_error(what + ": " + std::strerror(error));
}

} // namespace apicat::test
