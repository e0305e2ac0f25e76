#pragma once

// The OpenAPI check of a draft: what OpenAPI requires, what references must resolve, and
// that the security schemes options name exist. What publish adds (an upstream, options the
// gateway can enforce) is in catalog/publish_checks.hpp.

#include "errors.hpp"
#include "openapi/document_editor.hpp"
#include "openapi/draft.hpp"
#include "openapi/layout.hpp"

#include <memory>
#include <string>
#include <vector>

namespace apicat::openapi {

struct Finding {
    enum class Severity { error, warning };
    Severity severity = Severity::error;
    std::string message;
    Path where; // the node the finding is about
};

std::vector<Finding> validate_draft(const Draft& draft);

bool has_errors(const std::vector<Finding>& findings);

// Maps document paths to file:line:column, reading the layout once, when first asked.
class Locator {
public:
    explicit Locator(const Source& source);
    ~Locator();
    SourceLocation locate(const Path& path);

private:
    const Source& source_;
    bool tried_ = false;
    std::unique_ptr<LayoutNode> root_;
    std::unique_ptr<LineIndex> lines_;
};

} // namespace apicat::openapi
