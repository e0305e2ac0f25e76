// apicat api create | import: new drafts.

#include "commands.hpp"

#include "completion/value_kind.hpp"
#include "edit_command.hpp"
#include "output.hpp"

#include "errors.hpp"
#include "http/client.hpp"
#include "openapi/draft_template.hpp"
#include "openapi/render.hpp"
#include "util/text_file.hpp"

#include <fmt/format.h>

#include <iostream>
#include <iterator>

namespace apicat::cli {

using namespace openapi;

namespace {

struct ApiCreateOptions {
    std::string file;
    std::string title;
    std::string version = "1.0.0";
    std::string base_path;
    std::string target_url;
    int openapi = 2;
    bool force = false;
    EditOptions edit;
};

int run_api_create(const ApiCreateOptions& options, const GlobalOptions& global)
{
    NewApiSpec spec{options.title, options.version, options.base_path, options.target_url,
                    options.openapi == 3 ? OpenApiVersion::v3 : OpenApiVersion::v2};
    std::string text = render_document(new_draft_document(spec),
                                       default_text_style(syntax_for_new_file(options.file)));
    return write_new_file(global, options.edit, options.file, text,
                          fmt::format("created draft '{}' (OpenAPI {})", options.title,
                                      options.openapi == 3 ? "3.0.3" : "2.0"),
                          options.force);
}

void setup_api_create(CLI::App& api, CommandContext context)
{
    auto options = std::make_shared<ApiCreateOptions>();
    auto* command =
        api.add_subcommand("create", "Write a new draft that proxies an existing REST service");
    takes(command->add_option("FILE", options->file, "The draft to write (.yaml, .yml or .json)"),
          ValueKind::draft_file)
        ->required();
    command->add_option("--title", options->title, "The API's title")->required();
    command->add_option("--version", options->version, "The API's version")->capture_default_str();
    command->add_option("--base-path", options->base_path,
                        "The path the API is served under (default: / and the title's slug)");
    command
        ->add_option("--target-url", options->target_url,
                     "The upstream service; $(request.path) and $(request.search) are "
                     "replaced per call; 'mock:' answers from response examples")
        ->required();
    command->add_option("--openapi", options->openapi, "OpenAPI version to write")
        ->check(CLI::IsMember({2, 3}))
        ->capture_default_str();
    command->add_flag("--force", options->force, "Overwrite an existing file");
    add_edit_flags(*command, options->edit);
    command->footer("Example:\n  apicat api create weather.yaml --title \"Weather Provider API\" "
                    "--base-path /weather \\\n    --target-url "
                    "'https://weather.example.com$(request.path)$(request.search)'");
    command->callback(
        [options, context] { context.exit_status = run_api_create(*options, context.global); });
}

struct ApiImportOptions {
    std::string source;
    std::string output_file;
    std::string target_url;
    bool force = false;
    EditOptions edit;
};

bool is_url(const std::string& text)
{
    return text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0;
}

std::string read_import_source(const std::string& source)
{
    if (source == "-") {
        return std::string(std::istreambuf_iterator<char>(std::cin),
                           std::istreambuf_iterator<char>());
    }
    if (!is_url(source)) {
        return util::read_text_file(source);
    }
    http::Response response = http::get(source, std::chrono::seconds(30));
    if (response.status < 200 || response.status > 299) {
        throw Error(fmt::format("cannot import '{}': the server answered {} {}", source,
                                response.status, response.reason));
    }
    return response.body;
}

// The file an import writes when --output-file is not given: the title's slug, with the
// source's syntax.
std::string default_output_file(const Draft& draft)
{
    std::string name = slug(api_title(draft));
    if (name.empty()) {
        throw UsageError("the imported draft has no title to name the file after",
                         "pass --output-file FILE");
    }
    return name + (draft.source.syntax == Syntax::json ? ".json" : ".yaml");
}

int run_api_import(const ApiImportOptions& options, const GlobalOptions& global)
{
    Draft draft = draft_from_source(source_from_text(
        options.source == "-" ? "<stdin>" : options.source, read_import_source(options.source)));
    std::string output =
        options.output_file.empty() ? default_output_file(draft) : options.output_file;
    DocumentEditor editor(draft.source, draft.document);
    std::string message =
        fmt::format("imported '{}' (OpenAPI {})", api_title(draft), openapi_version_text(draft));
    std::string target = options.target_url.empty() && !upstream(draft) ? implied_upstream(draft)
                                                                        : options.target_url;
    if (!target.empty()) {
        message += "; " + set_upstream(editor, draft, target);
    } else if (!upstream(draft)) {
        print_warning(global, "the draft names no upstream; pass --target-url URL so the gateway "
                              "knows where to forward calls");
    }
    std::string text = editor.finish().text;
    Syntax wanted = syntax_for_new_file(output);
    if (wanted != draft.source.syntax) {
        text = render_document(editor.document(), default_text_style(wanted));
        message += wanted == Syntax::json ? "; converted to JSON" : "; converted to YAML";
    }
    return write_new_file(global, options.edit, output, text, message, options.force);
}

void setup_api_import(CLI::App& api, CommandContext context)
{
    auto options = std::make_shared<ApiImportOptions>();
    auto* command =
        api.add_subcommand("import", "Import an OpenAPI 2.0/3.0/3.1 document as a draft");
    takes(command->add_option("SRC", options->source,
                              "A file, '-' for standard input, or an http(s) URL"),
          ValueKind::any_file)
        ->required();
    takes(command->add_option(
              "--output-file", options->output_file,
              "The draft to write (default: the title's slug, e.g. weather-provider-api.yaml)"),
          ValueKind::draft_file);
    command->add_option("--target-url", options->target_url,
                        "The upstream service (default: the document's host or server URL)");
    command->add_flag("--force", options->force, "Overwrite an existing output file");
    add_edit_flags(*command, options->edit);
    command->footer("Examples:\n  apicat api import petstore.yaml --output-file pets.yaml\n"
                    "  apicat api import https://example.com/openapi.json --target-url "
                    "'https://api.example.com$(request.path)$(request.search)'");
    command->callback(
        [options, context] { context.exit_status = run_api_import(*options, context.global); });
}

} // namespace

void setup_api_commands(CLI::App& app, CommandContext context)
{
    auto* api = app.add_subcommand("api", "Create, import, validate and inspect draft APIs");
    api->require_subcommand(1);
    api->footer("Examples:\n  apicat api create weather.yaml --title \"Weather Provider API\" "
                "--target-url 'mock:'\n  apicat api validate weather.yaml");
    setup_api_create(*api, context);
    setup_api_import(*api, context);
    setup_api_inspect_commands(*api, context);
}

} // namespace apicat::cli
