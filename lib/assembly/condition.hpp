#pragma once

// The conditions of a `switch` case, in the JSONata forms API Connect writes for routing:
//
//   $httpVerb() = 'GET' and $operationPath() = '/current'
//   ($operationID() = 'getCurrent') or ($operationID() = 'getToday')
//
// with `=`, `!=`, `and`, `or`, `not`/`$not(...)`, parentheses and quoted strings. Each
// function names a fact of the operation a call was routed to, so a condition is decided once
// per operation, when the route table is built, never per call.

#include <memory>
#include <optional>
#include <string>

namespace apicat::assembly {

// What a condition may ask about the operation.
struct OperationFacts {
    std::string verb; // upper case: GET
    std::string path; // the path template: /items/{id}
    std::string id;   // the operationId, or empty
};

class Condition {
public:
    struct Node;

    explicit Condition(std::shared_ptr<const Node> root);
    bool holds(const OperationFacts& facts) const;

private:
    std::shared_ptr<const Node> root_;
};

struct ConditionParse {
    std::optional<Condition> condition;
    std::string error; // why the text is not a condition apicat can decide, when it is not
};

ConditionParse parse_condition(const std::string& text);

} // namespace apicat::assembly
