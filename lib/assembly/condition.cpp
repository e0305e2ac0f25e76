#include "assembly/condition.hpp"

#include "util/text.hpp"

#include <cctype>
#include <stdexcept>
#include <variant>
#include <vector>

namespace apicat::assembly {

// A value is a string literal or one of the operation's facts; a node compares two values or
// combines nodes.
struct Condition::Node {
    enum class Kind { equal, not_equal, all, any, negate };
    enum class Fact { none, verb, path, id };
    struct Value {
        Fact fact = Fact::none;
        std::string literal;
    };

    Kind kind = Kind::equal;
    Value left;
    Value right;
    std::vector<std::shared_ptr<const Node>> children;
};

namespace {

using Node = Condition::Node;

struct NotDecidable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A recursive-descent reader of the grammar:
//   any    := all ('or' all)*
//   all    := unary ('and' unary)*
//   unary  := 'not' unary | '$not(' any ')' | '(' any ')' | value ('=' | '!=') value
//   value  := 'text' | "text" | $httpVerb() | $operationPath() | $operationID()
class Reader {
public:
    explicit Reader(const std::string& text)
        : text_(text)
    {
    }

    std::shared_ptr<const Node> read()
    {
        auto node = any();
        skip_blanks();
        if (at_ < text_.size()) {
            fail("unexpected '" + text_.substr(at_, 12) + "'");
        }
        return node;
    }

private:
    const std::string& text_;
    std::size_t at_ = 0;

    [[noreturn]] void fail(const std::string& why) const { throw NotDecidable(why); }

    void skip_blanks()
    {
        while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) {
            ++at_;
        }
    }

    // Whether the word `word` comes next, as a whole word; consumes it if so.
    bool word(const std::string& word)
    {
        skip_blanks();
        if (text_.compare(at_, word.size(), word) != 0) {
            return false;
        }
        std::size_t end = at_ + word.size();
        if (end < text_.size() &&
            (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) {
            return false;
        }
        at_ = end;
        return true;
    }

    bool symbol(const std::string& symbol)
    {
        skip_blanks();
        if (text_.compare(at_, symbol.size(), symbol) != 0) {
            return false;
        }
        at_ += symbol.size();
        return true;
    }

    std::shared_ptr<const Node> combine(Node::Kind kind, std::shared_ptr<const Node> first,
                                        const char* separator,
                                        std::shared_ptr<const Node> (Reader::*next)())
    {
        if (!word(separator)) {
            return first;
        }
        auto node = std::make_shared<Node>();
        node->kind = kind;
        node->children.push_back(std::move(first));
        do {
            node->children.push_back((this->*next)());
        } while (word(separator));
        return node;
    }

    std::shared_ptr<const Node> any()
    {
        return combine(Node::Kind::any, all(), "or", &Reader::all);
    }

    std::shared_ptr<const Node> all()
    {
        return combine(Node::Kind::all, unary(), "and", &Reader::unary);
    }

    std::shared_ptr<const Node> negation(std::shared_ptr<const Node> inner)
    {
        auto node = std::make_shared<Node>();
        node->kind = Node::Kind::negate;
        node->children.push_back(std::move(inner));
        return node;
    }

    std::shared_ptr<const Node> enclosed()
    {
        auto inner = any();
        if (!symbol(")")) {
            fail("a '(' is not closed");
        }
        return inner;
    }

    std::shared_ptr<const Node> unary()
    {
        if (word("not")) {
            return negation(unary());
        }
        if (symbol("$not(")) {
            return negation(enclosed());
        }
        if (symbol("(")) {
            return enclosed();
        }
        auto node = std::make_shared<Node>();
        node->left = value();
        if (symbol("!=")) {
            node->kind = Node::Kind::not_equal;
        } else if (symbol("=")) {
            node->kind = Node::Kind::equal;
        } else {
            fail("expected '=' or '!=' after a value");
        }
        node->right = value();
        return node;
    }

    Node::Value value()
    {
        skip_blanks();
        if (at_ < text_.size() && (text_[at_] == '\'' || text_[at_] == '"')) {
            char quote = text_[at_];
            auto end = text_.find(quote, at_ + 1);
            if (end == std::string::npos) {
                fail("a quoted string is not closed");
            }
            Node::Value literal{Node::Fact::none, text_.substr(at_ + 1, end - at_ - 1)};
            at_ = end + 1;
            return literal;
        }
        static const std::pair<const char*, Node::Fact> functions[] = {
            {"$httpVerb()", Node::Fact::verb},
            {"$operationPath()", Node::Fact::path},
            {"$operationID()", Node::Fact::id},
            {"$operationId()", Node::Fact::id}};
        for (const auto& [name, fact] : functions) {
            if (symbol(name)) {
                return Node::Value{fact, {}};
            }
        }
        auto end = text_.find_first_of(" ()=!", at_);
        fail("'" + text_.substr(at_, end == std::string::npos ? end : end - at_) +
             "' is not a value apicat's gateway can decide before the call (it knows "
             "$httpVerb(), $operationPath(), $operationID() and quoted strings)");
    }
};

std::string value_of(const Node::Value& value, const OperationFacts& facts)
{
    switch (value.fact) {
    case Node::Fact::verb:
        return facts.verb;
    case Node::Fact::path:
        return facts.path;
    case Node::Fact::id:
        return facts.id;
    case Node::Fact::none:
        break;
    }
    return value.literal;
}

// Verbs compare without regard to case: drafts write 'get' as often as 'GET'.
bool same(const Node& node, const OperationFacts& facts)
{
    std::string left = value_of(node.left, facts);
    std::string right = value_of(node.right, facts);
    if (node.left.fact == Node::Fact::verb || node.right.fact == Node::Fact::verb) {
        return util::to_upper(left) == util::to_upper(right);
    }
    return left == right;
}

bool evaluate(const Node& node, const OperationFacts& facts)
{
    switch (node.kind) {
    case Node::Kind::equal:
        return same(node, facts);
    case Node::Kind::not_equal:
        return !same(node, facts);
    case Node::Kind::all:
        for (const auto& child : node.children) {
            if (!evaluate(*child, facts)) {
                return false;
            }
        }
        return true;
    case Node::Kind::any:
        for (const auto& child : node.children) {
            if (evaluate(*child, facts)) {
                return true;
            }
        }
        return false;
    case Node::Kind::negate:
        return !evaluate(*node.children.front(), facts);
    }
    return false;
}

} // namespace

Condition::Condition(std::shared_ptr<const Node> root)
    : root_(std::move(root))
{
}

bool Condition::holds(const OperationFacts& facts) const
{
    return evaluate(*root_, facts);
}

ConditionParse parse_condition(const std::string& text)
{
    ConditionParse parse;
    try {
        parse.condition = Condition(Reader(text).read());
    } catch (const NotDecidable& e) {
        parse.error = e.what();
    }
    return parse;
}

} // namespace apicat::assembly
