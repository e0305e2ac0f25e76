#pragma once

// Ports on 127.0.0.1 for tests of what happens when nobody answers.

namespace apicat::test {

// A port nothing listens on: bound by the OS, then released. Connecting to it is refused.
int closed_port();

} // namespace apicat::test
