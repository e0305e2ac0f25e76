// Securing a draft (openapi/security_edits.hpp): security definitions and the options that
// require them, in 2.0 and 3.x drafts, YAML and JSON; what each edit writes, what it says, and
// what it refuses.

#include "errors.hpp"
#include "openapi/document_editor.hpp"
#include "openapi/draft.hpp"
#include "openapi/security_edits.hpp"
#include "support/draft_edit.hpp"
#include "support/draft_source.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace apicat;
using apicat::openapi::DocumentEditor;
using apicat::openapi::OperationRef;
using apicat::openapi::SecurityDefinitionSpec;
using apicat::test::DraftEdit;
using apicat::test::edit_draft;
using apicat::test::edit_refusal;
using apicat::test::json_source;
using apicat::test::yaml_source;

namespace {

SecurityDefinitionSpec security_edit_api_key(const std::string& name, const std::string& key)
{
    SecurityDefinitionSpec spec;
    spec.name = name;
    spec.key = key; // an apiKey in the header, of the key type its name says
    return spec;
}

const std::string security_edit_v2 = "swagger: '2.0'\n"
                                     "info: {title: T, version: '1'}\n"
                                     "# the keys apps send\n"
                                     "securityDefinitions:\n"
                                     "  client-id: {type: apiKey, in: header, name: X-Id}\n"
                                     "  secret: {type: apiKey, in: header, name: X-Secret}\n"
                                     "security:\n"
                                     "  - client-id: []\n"
                                     "    secret: []\n"
                                     "  - client-id: []\n"
                                     "paths:\n"
                                     "  /a:\n"
                                     "    get:\n"
                                     "      security: [{secret: []}]\n"
                                     "      responses: {'200': {description: OK}}\n"
                                     "  /b:\n"
                                     "    post:   # creates a b\n"
                                     "      responses: {'201': {description: Created}}\n";

const std::string security_edit_v3 = "openapi: 3.0.3\n"
                                     "info: {title: T, version: '1'}\n"
                                     "paths:\n"
                                     "  /a:\n"
                                     "    get:\n"
                                     "      responses: {'200': {description: OK}}\n";

Json security_edit_requirement(std::initializer_list<const char*> names)
{
    Json requirement = Json::object();
    for (const char* name : names) {
        requirement[name] = Json::array();
    }
    return requirement;
}

} // namespace

TEST_CASE("security edits infer a client secret from a key named like one")
{
    for (const char* secret : {"X-IBM-Client-Secret", "client_secret", "SECRET", "x-secret"}) {
        CAPTURE(secret);
        CHECK(openapi::infer_key_type(secret) == SecurityDefinitionSpec::KeyType::client_secret);
    }
    for (const char* id : {"X-IBM-Client-Id", "X-Secrets", "secret-key", "ecret", ""}) {
        CAPTURE(id);
        CHECK(openapi::infer_key_type(id) == SecurityDefinitionSpec::KeyType::client_id);
    }
}

TEST_CASE("security edits write a definition as the draft's version does")
{
    SecurityDefinitionSpec key = security_edit_api_key("client-id", "X-IBM-Client-Id");
    key.in = SecurityDefinitionSpec::Place::query;
    key.description = "the app's client ID";
    Json expected_key = {{"type", "apiKey"},
                         {"in", "query"},
                         {"name", "X-IBM-Client-Id"},
                         {"x-key-type", "client_id"},
                         {"description", "the app's client ID"}};
    CHECK(openapi::security_definition_json(key, openapi::OpenApiVersion::v2) == expected_key);
    CHECK(openapi::security_definition_json(key, openapi::OpenApiVersion::v3) == expected_key);
    // The keys in that order, as the file will have them.
    CHECK(openapi::security_definition_json(key, openapi::OpenApiVersion::v2).dump() ==
          expected_key.dump());

    key.key_type = SecurityDefinitionSpec::KeyType::client_secret; // wins over the key's name
    CHECK(openapi::security_definition_json(key, openapi::OpenApiVersion::v2)["x-key-type"] ==
          "client_secret");

    SecurityDefinitionSpec basic;
    basic.name = "login";
    basic.type = SecurityDefinitionSpec::Type::basic;
    CHECK(openapi::security_definition_json(basic, openapi::OpenApiVersion::v2) ==
          Json{{"type", "basic"}});
    CHECK(openapi::security_definition_json(basic, openapi::OpenApiVersion::v3) ==
          Json{{"type", "http"}, {"scheme", "basic"}});
}

TEST_CASE("security edits refuse a bad definition spec with a usage error and a hint")
{
    auto refusal = [](const SecurityDefinitionSpec& spec) -> std::pair<std::string, std::string> {
        try {
            openapi::security_definition_json(spec, openapi::OpenApiVersion::v2);
        } catch (const UsageError& error) {
            return {error.what(), error.hint()};
        }
        return {"(no usage error)", ""};
    };

    for (const char* name : {"", "client id", "tab\there", "bell\a"}) {
        CAPTURE(name);
        auto [message, hint] = refusal(security_edit_api_key(name, "X-Id"));
        CHECK(message == std::string("invalid security definition name '") + name + "'");
        CHECK(hint == "use letters, digits, '-' and '_', e.g. client-id");
    }

    SecurityDefinitionSpec no_key = security_edit_api_key("k", "");
    CHECK(refusal(no_key).first ==
          "an apiKey definition needs the name of its header or query parameter");

    SecurityDefinitionSpec basic_with_key = security_edit_api_key("k", "X-Id");
    basic_with_key.type = SecurityDefinitionSpec::Type::basic;
    CHECK(refusal(basic_with_key).first ==
          "a basic definition has no key name or key type: those are an apiKey's");
    SecurityDefinitionSpec basic_with_key_type = security_edit_api_key("k", "");
    basic_with_key_type.type = SecurityDefinitionSpec::Type::basic;
    basic_with_key_type.key_type = SecurityDefinitionSpec::KeyType::client_id;
    CHECK(refusal(basic_with_key_type).first == refusal(basic_with_key).first);

    // Each refusal names what it is about, for the command line to name its option.
    const auto input_of = [](const SecurityDefinitionSpec& spec) {
        try {
            openapi::security_definition_json(spec, openapi::OpenApiVersion::v2);
        } catch (const UsageError& error) {
            return error.input();
        }
        return Input::unnamed;
    };
    CHECK(input_of(no_key) == Input::key_name);
    CHECK(input_of(basic_with_key) == Input::key_name);
}

TEST_CASE("security edits add a definition where the version keeps them, and only once")
{
    SecurityDefinitionSpec spec = security_edit_api_key("app-secret", "X-IBM-Client-Secret");
    DraftEdit v2 = edit_draft(
        yaml_source(security_edit_v2), [&](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::add_security_definition(editor, draft, spec, false);
        });
    CHECK(v2.said ==
          "added security definition 'app-secret' (apiKey in header 'X-IBM-Client-Secret', "
          "client_secret)");
    CHECK(v2.outcome.changed);
    CHECK_FALSE(v2.outcome.normalised);
    Json definitions = v2.document()["securityDefinitions"];
    CHECK(definitions.size() == 3);
    CHECK(definitions.items().begin().key() == "client-id"); // new ones go last
    CHECK(definitions["app-secret"]["x-key-type"] == "client_secret");
    // Only the definitions changed: the comments are there still.
    CHECK(v2.outcome.text.find("# the keys apps send\n") != std::string::npos);
    CHECK(v2.outcome.text.find("post:   # creates a b\n") != std::string::npos);

    // Adding it again to the result changes nothing.
    DraftEdit again = edit_draft(
        yaml_source(v2.outcome.text), [&](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::add_security_definition(editor, draft, spec, false);
        });
    CHECK(again.said == "security definition 'app-secret' is already there");
    CHECK_FALSE(again.outcome.changed);
    CHECK(again.outcome.text == v2.outcome.text);

    // 3.x: under components.securitySchemes, made when missing; basic is http.
    SecurityDefinitionSpec basic;
    basic.name = "login";
    basic.type = SecurityDefinitionSpec::Type::basic;
    DraftEdit v3 = edit_draft(
        yaml_source(security_edit_v3), [&](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::add_security_definition(editor, draft, basic, false);
        });
    CHECK(v3.said == "added security definition 'login' (basic)");
    CHECK(v3.document()["components"]["securitySchemes"]["login"] ==
          Json{{"type", "http"}, {"scheme", "basic"}});
    CHECK_FALSE(v3.document().contains("securityDefinitions"));
}

TEST_CASE("security edits replace a definition with other content only when forced")
{
    SecurityDefinitionSpec moved = security_edit_api_key("client-id", "X-IBM-Client-Id");
    auto [message, hint] = edit_refusal(
        yaml_source(security_edit_v2), [&](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::add_security_definition(editor, draft, moved, false);
        });
    CHECK(message == "draft.yaml: security definition 'client-id' already exists with other "
                     "content");
    CHECK(hint == "replace it, or choose another name"); // after "pass --force to"

    DraftEdit forced = edit_draft(
        yaml_source(security_edit_v2), [&](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::add_security_definition(editor, draft, moved, true);
        });
    CHECK(forced.said == "replaced security definition 'client-id'");
    Json definitions = forced.document()["securityDefinitions"];
    CHECK(definitions["client-id"]["name"] == "X-IBM-Client-Id");
    CHECK(definitions["secret"]["name"] == "X-Secret");
    CHECK(definitions.items().begin().key() == "client-id"); // replaced where it was
}

TEST_CASE("security edits name every place whose options refer to a definition")
{
    const openapi::Draft draft = openapi::draft_from_source(yaml_source(security_edit_v2));
    CHECK(openapi::security_references(draft, "client-id") ==
          std::vector<std::string>{"API level"});
    CHECK(openapi::security_references(draft, "secret") ==
          std::vector<std::string>{"API level", "GET /a"});
    CHECK(openapi::security_references(draft, "nothing").empty());
}

TEST_CASE("security edits refuse to remove a definition that is missing or still required")
{
    auto remove = [](const std::string& name, bool force) {
        return [name, force](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::remove_security_definition(editor, draft, name, force);
        };
    };
    auto [missing, missing_hint] =
        edit_refusal(yaml_source(security_edit_v2), remove("client-di", false));
    CHECK(missing == "draft.yaml: no security definition 'client-di'");
    CHECK(missing_hint == "did you mean 'client-id'?");
    CHECK(edit_refusal(yaml_source(security_edit_v3), remove("login", false)).second ==
          "list them with 'apicat security-definition list'");

    auto [required, required_hint] =
        edit_refusal(yaml_source(security_edit_v2), remove("secret", false));
    CHECK(required == "draft.yaml: security definition 'secret' is required by the options of "
                      "API level, GET /a");
    CHECK(required_hint.starts_with("remove the references too, or"));
}

TEST_CASE("security edits remove a definition with its references when forced")
{
    DraftEdit result = edit_draft(
        yaml_source(security_edit_v2), [](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::remove_security_definition(editor, draft, "secret", true);
        });
    CHECK(result.said ==
          "removed security definition 'secret' and its references (API level, GET /a)");
    Json document = result.document();
    CHECK(document["securityDefinitions"] ==
          Json{{"client-id", {{"type", "apiKey"}, {"in", "header"}, {"name", "X-Id"}}}});
    // The option that required it with client-id keeps client-id, in its place.
    CHECK(document["security"] == Json::array({security_edit_requirement({"client-id"}),
                                               security_edit_requirement({"client-id"})}));
    // The operation's only option went, and the list with it: the API's options apply again,
    // rather than an empty list that would make it public.
    CHECK_FALSE(document["paths"]["/a"]["get"].contains("security"));
    CHECK(result.outcome.text.find("# the keys apps send\n") != std::string::npos);

    DraftEdit unused = edit_draft(
        yaml_source(security_edit_v2), [](DocumentEditor& editor, const openapi::Draft& draft) {
            SecurityDefinitionSpec spec = security_edit_api_key("spare", "X-Spare");
            openapi::add_security_definition(editor, draft, spec, false);
            return std::string();
        });
    DraftEdit removed = edit_draft(
        yaml_source(unused.outcome.text), [](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::remove_security_definition(editor, draft, "spare", false);
        });
    CHECK(removed.said == "removed security definition 'spare'");
    CHECK(removed.outcome.text == security_edit_v2); // back byte for byte
}

TEST_CASE("security edits add an option once, at API level or on one operation")
{
    DraftEdit api = edit_draft(
        yaml_source(security_edit_v2), [](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::add_security_option(editor, draft, {"secret", "client-id", "secret"},
                                                std::nullopt);
        });
    // The same names as the first option, in another order: already there.
    CHECK(api.said == "security option secret + client-id is already there at API level");
    CHECK_FALSE(api.outcome.changed);

    DraftEdit on_b = edit_draft(
        yaml_source(security_edit_v2), [](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::add_security_option(editor, draft, {"secret", "client-id", "secret"},
                                                OperationRef{"POST", "/b"});
        });
    CHECK(on_b.said == "added security option secret + client-id on POST /b");
    Json added = on_b.document()["paths"]["/b"]["post"]["security"];
    REQUIRE(added.size() == 1);
    CHECK(added[0].dump() == security_edit_requirement({"secret", "client-id"}).dump());

    DraftEdit appended = edit_draft(
        yaml_source(security_edit_v2), [](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::add_security_option(editor, draft, {"secret"}, std::nullopt);
        });
    CHECK(appended.said == "added security option secret at API level");
    Json options = appended.document()["security"];
    REQUIRE(options.size() == 3);
    CHECK(options[2] == security_edit_requirement({"secret"}));
    CHECK(options[1] == security_edit_requirement({"client-id"}));

    // In a JSON draft, the result is JSON.
    DraftEdit json = edit_draft(
        json_source(R"({"swagger": "2.0", "info": {"title": "T", "version": "1"},
  "securityDefinitions": {"k": {"type": "basic"}},
  "paths": {"/a": {"get": {"responses": {"200": {"description": "OK"}}}}}}
)"),
        [](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::add_security_option(editor, draft, {"k"}, OperationRef{"GET", "/a"});
        });
    CHECK(json.document()["paths"]["/a"]["get"]["security"] ==
          Json::array({security_edit_requirement({"k"})}));
}

TEST_CASE("security edits refuse an option naming an undefined scheme or a missing operation")
{
    auto adding = [](openapi::SecurityOption names, std::optional<OperationRef> operation) {
        return [names, operation](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::add_security_option(editor, draft, names, operation);
        };
    };
    CHECK(edit_refusal(yaml_source(security_edit_v2),
                       adding({"client-id", "secrets"}, std::nullopt)) ==
          std::pair<std::string, std::string>{"draft.yaml: no security definition 'secrets'",
                                              "did you mean 'secret'?"});
    CHECK(edit_refusal(yaml_source(security_edit_v2), adding({"oauth"}, std::nullopt)).second ==
          "defined: client-id, secret");
    CHECK(edit_refusal(yaml_source(security_edit_v3), adding({"oauth"}, std::nullopt)).second ==
          "define it first with 'apicat security-definition add'");

    auto [message, hint] =
        edit_refusal(yaml_source(security_edit_v2), adding({"secret"}, OperationRef{"GET", "/c"}));
    CHECK(message == "draft.yaml: no operation 'GET /c'");
    CHECK_FALSE(hint.empty());
}

TEST_CASE("security edits remove the option with exactly the names given")
{
    DraftEdit first = edit_draft(yaml_source(security_edit_v2),
                                 [](DocumentEditor& editor, const openapi::Draft& draft) {
                                     return openapi::remove_security_option(
                                         editor, draft, {"secret", "client-id"}, std::nullopt);
                                 });
    CHECK(first.said == "removed security option secret + client-id at API level");
    CHECK(first.document()["security"] == Json::array({security_edit_requirement({"client-id"})}));

    // The operation's last option: its list goes, so the API's options apply to it again.
    DraftEdit last = edit_draft(yaml_source(security_edit_v2),
                                [](DocumentEditor& editor, const openapi::Draft& draft) {
                                    return openapi::remove_security_option(
                                        editor, draft, {"secret"}, OperationRef{"GET", "/a"});
                                });
    CHECK(last.said == "removed security option secret on GET /a");
    CHECK_FALSE(last.document()["paths"]["/a"]["get"].contains("security"));

    auto [message, hint] = edit_refusal(
        yaml_source(security_edit_v2), [](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::remove_security_option(editor, draft, {"secret"}, std::nullopt);
        });
    CHECK(message == "draft.yaml: no security option secret at API level");
    CHECK(hint.rfind("the options there: ", 0) == 0);
    CHECK(edit_refusal(yaml_source(security_edit_v2), [](DocumentEditor& editor,
                                                         const openapi::Draft& draft) {
              return openapi::remove_security_option(editor, draft, {"secret"},
                                                     OperationRef{"POST", "/b"});
          }).second == "there are no options there");
}

TEST_CASE("security edits clear the API's options, or make one operation public")
{
    DraftEdit api = edit_draft(yaml_source(security_edit_v2),
                               [](DocumentEditor& editor, const openapi::Draft& draft) {
                                   return openapi::clear_security(editor, draft, std::nullopt);
                               });
    CHECK(api.said == "removed all security options at API level");
    CHECK_FALSE(api.document().contains("security"));
    CHECK(api.document()["paths"]["/a"]["get"]["security"] ==
          Json::array({security_edit_requirement({"secret"})}));

    DraftEdit none = edit_draft(yaml_source(security_edit_v3),
                                [](DocumentEditor& editor, const openapi::Draft& draft) {
                                    return openapi::clear_security(editor, draft, std::nullopt);
                                });
    CHECK(none.said == "the API has no security options");
    CHECK_FALSE(none.outcome.changed);

    DraftEdit made_public = edit_draft(
        yaml_source(security_edit_v2), [](DocumentEditor& editor, const openapi::Draft& draft) {
            return openapi::clear_security(editor, draft, OperationRef{"POST", "/b"});
        });
    CHECK(made_public.said == "made POST /b public (security: [])");
    CHECK(made_public.document()["paths"]["/b"]["post"]["security"] == Json::array());
    CHECK(made_public.document()["security"].size() == 2);

    DraftEdit again =
        edit_draft(yaml_source(made_public.outcome.text),
                   [](DocumentEditor& editor, const openapi::Draft& draft) {
                       return openapi::clear_security(editor, draft, OperationRef{"POST", "/b"});
                   });
    CHECK(again.said == "POST /b is already public");
    CHECK_FALSE(again.outcome.changed);
    CHECK(again.outcome.text == made_public.outcome.text);
}
