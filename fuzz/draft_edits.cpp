// Fuzz target: any bytes as an OpenAPI draft (YAML or JSON, told apart by content as for a
// file without extension), then the security edits of the user's story through the library,
// each on the previous one's output as the commands do: the client-id and client-secret
// apiKey definitions, a basic one, the option requiring client-id + client-secret at API
// level, and the basic option on the first operation. The draft is also re-emitted whole, as
// an edit does when it cannot patch the text.
//
// Property: nothing crashes, and nothing throws but apicat::Error. Each edit either fails
// with apicat::Error, or its output reads back as exactly the document it intended, which is
// computed here from the document alone, apart from the editor and its own check. An edit
// that reports no change leaves the text alone. A re-emitted document reads back unchanged
// (JSON may refuse with apicat::Error a YAML document holding .inf or .nan).

#include "errors.hpp"
#include "fuzz_property.hpp"
#include "fuzz_targets.hpp"
#include "openapi/draft.hpp"
#include "openapi/render.hpp"
#include "openapi/same_document.hpp"
#include "openapi/security_edits.hpp"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

using namespace apicat;
using namespace apicat::openapi;
using apicat::fuzz::expect;

namespace {

// What an edit must do: leave the document as it is, change it into `document`, or fail.
struct Intent {
    enum class Kind { unchanged, changed, refused } kind = Kind::refused;
    Json document;
};

Intent unchanged()
{
    return {Intent::Kind::unchanged, {}};
}

Intent changed(Json document)
{
    return {Intent::Kind::changed, std::move(document)};
}

Intent refused()
{
    return {};
}

// The node at `path`, making mappings of absent keys and nulls on the way, as a set does;
// nullptr when the path leads through anything else.
Json* make_mappings(Json& document, const Path& path)
{
    Json* node = &document;
    for (const std::string& step : path) {
        if (node->is_null()) {
            *node = Json::object();
        }
        if (!node->is_object()) {
            return nullptr;
        }
        node = &(*node)[step];
    }
    return node;
}

// The document after `security-definition add NAME` without --force.
Intent intend_definition(const Draft& draft, const SecurityDefinitionSpec& spec)
{
    Json intended = draft.document;
    Json* definitions = make_mappings(intended, security_definitions_path(draft.version));
    if (definitions == nullptr || !(definitions->is_null() || definitions->is_object())) {
        return refused();
    }
    Json definition = security_definition_json(spec, draft.version);
    if (definitions->is_object() && definitions->contains(spec.name)) {
        return (*definitions)[spec.name] == definition ? unchanged() : refused();
    }
    (*definitions)[spec.name] = definition;
    return changed(std::move(intended));
}

// The document after `security add NAMES...` at `where` (the API, or one operation).
Intent intend_option(const Draft& draft, const SecurityOption& names, const Path& where)
{
    Json defined = security_definitions(draft);
    std::set<std::string> wanted;
    for (const std::string& name : names) {
        if (!defined.contains(name)) {
            return refused();
        }
        wanted.insert(name);
    }
    Json intended = draft.document;
    Json* list = make_mappings(intended, where);
    if (list == nullptr) {
        return refused();
    }
    if (list->is_array()) {
        for (const Json& option : *list) {
            if (!option.is_object()) {
                continue; // requires nothing named: never the same option
            }
            std::set<std::string> has;
            for (const auto& [name, scopes] : option.items()) {
                has.insert(name);
            }
            if (has == wanted) {
                return unchanged();
            }
        }
    } else if (!list->is_null()) {
        return refused();
    }
    Json requirement = Json::object();
    for (const std::string& name : names) {
        requirement[name] = Json::array();
    }
    if (list->is_null()) {
        *list = Json::array();
    }
    list->push_back(requirement);
    return changed(std::move(intended));
}

using Edit = std::function<void(DocumentEditor&, const Draft&)>;
using Intend = std::function<Intent(const Draft&)>;

// One edit as a command makes it; the edited text, or nullopt when the edit failed.
std::optional<std::string> edit_and_check(const std::string& text, const Edit& edit,
                                          const Intend& intend)
{
    Draft draft = draft_from_source(source_from_text("draft", text));
    Intent intent = intend(draft);
    DocumentEditor editor(draft.source, draft.document);
    try {
        edit(editor, draft);
    } catch (const Error&) {
        return std::nullopt; // refused cleanly, whatever the intent
    }
    EditOutcome outcome = editor.finish();
    expect(intent.kind != Intent::Kind::refused, "an edit that must be refused succeeded", text);
    if (!outcome.changed) {
        expect(intent.kind == Intent::Kind::unchanged, "an intended change was not made", text);
        expect(outcome.text == text, "an edit without change changed the text", outcome.text);
        return outcome.text;
    }
    expect(intent.kind == Intent::Kind::changed, "an edit changed what it should not", text);
    Json reread;
    try {
        reread = parse_source(Source{"edited", outcome.text, draft.source.syntax});
    } catch (const Error& error) {
        fuzz::property_failed("an edited draft does not read back",
                              std::string(error.what()) + "\n--- edited:\n" + outcome.text);
    }
    expect(same_document(reread, intent.document),
           "an edited draft does not mean the intended document",
           "--- original:\n" + text + "\n--- edited:\n" + outcome.text + "\n--- intended:\n" +
               intent.document.dump());
    return outcome.text;
}

void check_reemitted(const Draft& draft)
{
    for (Syntax syntax : {Syntax::yaml, Syntax::json}) {
        std::string text;
        try {
            text = render_document(draft.document, default_text_style(syntax));
        } catch (const Error&) {
            continue; // refused cleanly: JSON cannot hold YAML's .inf and .nan
        }
        Json reread;
        try {
            reread = parse_source(Source{"rendered", text, syntax});
        } catch (const Error& error) {
            fuzz::property_failed("a re-emitted draft does not read back",
                                  std::string(error.what()) + "\n--- rendered:\n" + text);
        }
        expect(same_document(reread, draft.document),
               "a re-emitted draft does not mean the document",
               "--- rendered:\n" + text + "\n--- document:\n" + draft.document.dump());
    }
}

SecurityDefinitionSpec api_key_spec(const std::string& name, const std::string& key)
{
    return SecurityDefinitionSpec{
        name, SecurityDefinitionSpec::Type::api_key,     SecurityDefinitionSpec::Place::header,
        key,  SecurityDefinitionSpec::KeyType::inferred, ""};
}

void run_story(std::string text)
{
    const SecurityDefinitionSpec id = api_key_spec("client-id", "X-IBM-Client-Id");
    const SecurityDefinitionSpec secret = api_key_spec("client-secret", "X-IBM-Client-Secret");
    SecurityDefinitionSpec basic;
    basic.name = "basic-auth";
    basic.type = SecurityDefinitionSpec::Type::basic;
    basic.description = "Client ID and secret";
    auto definition = [](const SecurityDefinitionSpec& spec) {
        return std::pair<Edit, Intend>{
            [spec](DocumentEditor& editor, const Draft& draft) {
                add_security_definition(editor, draft, spec, false);
            },
            [spec](const Draft& draft) { return intend_definition(draft, spec); }};
    };
    const SecurityOption both{"client-id", "client-secret"};
    const std::pair<Edit, Intend> api_option{
        [both](DocumentEditor& editor, const Draft& draft) {
            add_security_option(editor, draft, both, std::nullopt);
        },
        [both](const Draft& draft) { return intend_option(draft, both, {"security"}); }};
    // The first operation's own options; no edit when the draft has no operation.
    const std::pair<Edit, Intend> operation_option{
        [](DocumentEditor& editor, const Draft& draft) {
            std::vector<Operation> operations = list_operations(draft);
            if (!operations.empty()) {
                add_security_option(editor, draft, {"basic-auth"}, operations.front().ref);
            }
        },
        [](const Draft& draft) {
            std::vector<Operation> operations = list_operations(draft);
            if (operations.empty()) {
                return unchanged();
            }
            Path where = operations.front().where;
            where.push_back("security");
            return intend_option(draft, {"basic-auth"}, where);
        }};
    for (const auto& [edit, intend] :
         {definition(id), definition(secret), definition(basic), api_option, operation_option}) {
        std::optional<std::string> edited = edit_and_check(text, edit, intend);
        if (!edited) {
            return;
        }
        text = std::move(*edited);
    }
}

} // namespace

void apicat::fuzz::draft_edits(std::string_view input)
{
    std::string text(input);
    try {
        check_reemitted(draft_from_source(source_from_text("draft", text)));
    } catch (const Error&) {
        return; // not a draft: refused cleanly
    }
    run_story(std::move(text));
}
