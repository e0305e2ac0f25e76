#pragma once

// A failure that lasts, as a background thread that retries sees it: reported once when it
// begins and once when it ends, not at every retry, whatever each attempt's message says (a
// database server shutting down, then refusing connections, then starting up is one outage).

#include <utility>

namespace apicat::util {

class Outage {
public:
    // After a failed attempt: true only for the first failure since the last success, which
    // the caller reports.
    bool failed() { return !std::exchange(failing_, true); }
    // After a successful attempt: true when it ends an outage, which the caller may report.
    bool succeeded() { return std::exchange(failing_, false); }

private:
    bool failing_ = false;
};

} // namespace apicat::util
