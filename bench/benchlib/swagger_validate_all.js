// `swagger-cli validate` over many files in one Node process: the same call the command makes
// (its validate() with schema and spec checks on), without a Node start-up per file.
// Usage: node swagger_validate_all.js SWAGGER_CLI_DIR LIST_FILE (one path a line); prints one
// JSON line as it starts each file, {"start": file}, and one with the verdict, {"file", "valid",
// "error"}, so that the caller can stop a file that takes too long and go on with the next.
"use strict";

const fs = require("fs");
const path = require("path");

const swaggerCli = require(path.resolve(process.argv[2]));
const files = fs.readFileSync(process.argv[3], "utf8").split("\n").filter(Boolean);

(async () => {
  for (const file of files) {
    console.log(JSON.stringify({ start: file }));
    try {
      await swaggerCli.validate(file, { schema: true, spec: true });
      console.log(JSON.stringify({ file, valid: true, error: "" }));
    } catch (error) {
      const message = String((error && error.message) || error).split("\n")[0];
      console.log(JSON.stringify({ file, valid: false, error: message }));
    }
  }
})();
