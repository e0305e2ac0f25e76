#pragma once

#include <sys/stat.h>

namespace apicat::test {

// Sets the umask for one test, and puts the old one back.
class UmaskFor {
public:
    explicit UmaskFor(mode_t mask)
        : old_(::umask(mask))
    {
    }
    ~UmaskFor() { ::umask(old_); }
    UmaskFor(const UmaskFor&) = delete;
    UmaskFor& operator=(const UmaskFor&) = delete;

private:
    mode_t old_;
};

} // namespace apicat::test
