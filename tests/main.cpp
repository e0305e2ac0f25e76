#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "support/test_store.hpp"

#include <iostream>

// The one skip of a whole run: the end-to-end tests on PostgreSQL (APICAT_TEST_STORE=postgresql)
// where it is not installed. The run says so, once, and passes.
int main(int argc, char** argv)
{
    if (const auto impossible = apicat::test::postgres_run_impossible()) {
        std::cout << *impossible << "\n";
        return 0;
    }
    return doctest::Context(argc, argv).run();
}
