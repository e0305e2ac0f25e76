#pragma once

// Every command group registers its subcommands here; main.cpp lists the groups in the
// order of the user's story: draft, security, product, publish, apps, invoke, analytics,
// and moving the store to a team's database.

#include "context.hpp"

#include <CLI/CLI.hpp>

namespace apicat::cli {

// Each setup adds its group to `app`; a subcommand's callback stores its exit status.
struct CommandContext {
    GlobalOptions& global;
    int& exit_status;
};

void setup_api_commands(CLI::App& app, CommandContext context);
// api validate | show | operations, added to the `api` group.
void setup_api_inspect_commands(CLI::App& api, CommandContext context);
void setup_operation_commands(CLI::App& app, CommandContext context);
void setup_security_definition_commands(CLI::App& app, CommandContext context);
void setup_security_commands(CLI::App& app, CommandContext context);
void setup_product_commands(CLI::App& app, CommandContext context);
// product validate, added to the `product` group.
void setup_product_validate_command(CLI::App& product, CommandContext context);
void setup_publish_command(CLI::App& app, CommandContext context);
void setup_catalog_commands(CLI::App& app, CommandContext context);
void setup_app_commands(CLI::App& app, CommandContext context);
void setup_invoke_command(CLI::App& app, CommandContext context);
void setup_gateway_commands(CLI::App& app, CommandContext context);
void setup_explore_command(CLI::App& app, CommandContext context);
void setup_analytics_command(CLI::App& app, CommandContext context);
// store copy: a whole store between SQLite and PostgreSQL.
void setup_store_commands(CLI::App& app, CommandContext context);
// apicat completion SHELL; `app` must be the whole command line, whose tree it prints.
void setup_completion_command(CLI::App& app, CommandContext context);

} // namespace apicat::cli
