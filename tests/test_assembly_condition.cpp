#include "assembly/condition.hpp"

#include <doctest/doctest.h>

using namespace apicat::assembly;

namespace {

const OperationFacts get_current{"GET", "/current", "getCurrent"};
const OperationFacts post_items{"POST", "/items/{id}", "addItem"};

bool holds(const std::string& text, const OperationFacts& facts)
{
    ConditionParse parse = parse_condition(text);
    REQUIRE_MESSAGE(parse.condition, parse.error);
    return parse.condition->holds(facts);
}

std::string condition_error(const std::string& text)
{
    ConditionParse parse = parse_condition(text);
    CHECK_FALSE(parse.condition);
    return parse.error;
}

} // namespace

TEST_CASE("a switch condition compares the verb and the operation's path")
{
    const std::string condition = "$httpVerb() = 'GET' and $operationPath() = '/current'";
    CHECK(holds(condition, get_current));
    CHECK_FALSE(holds(condition, post_items));
    CHECK(holds("$httpVerb() = 'get'", get_current)); // verbs ignore case
    CHECK(holds("$operationPath() = \"/items/{id}\"", post_items));
    CHECK_FALSE(holds("$operationPath() = '/CURRENT'", get_current)); // paths do not
}

TEST_CASE("a switch condition combines with or, and, not and parentheses as JSONata does")
{
    const std::string either =
        "($operationID() = 'getCurrent') or ($httpVerb() = 'POST' and $operationPath() != '/x')";
    CHECK(holds(either, get_current));
    CHECK(holds(either, post_items));
    CHECK_FALSE(holds("not ($operationID() = 'getCurrent')", get_current));
    CHECK(holds("$not($operationID() = 'getCurrent')", post_items));
    // 'and' binds tighter than 'or'.
    CHECK(holds("$operationID() = 'nope' and $httpVerb() = 'GET' or $httpVerb() = 'GET'",
                get_current));
    CHECK(holds("'GET' = $httpVerb()", get_current));
}

TEST_CASE("a switch condition apicat cannot decide before the call says why")
{
    CHECK(condition_error("$header('X-Mode') = 'a'").find("'$header'") != std::string::npos);
    CHECK(condition_error("($httpVerb() = 'GET'").find("not closed") != std::string::npos);
    CHECK(condition_error("$httpVerb() = 'GET").find("not closed") != std::string::npos);
    CHECK(condition_error("$httpVerb()").find("expected '='") != std::string::npos);
    CHECK(condition_error("$httpVerb() = 'GET' xor 1").find("unexpected") != std::string::npos);
    CHECK_FALSE(parse_condition("").condition);
}
