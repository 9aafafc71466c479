// Validates pmp's JSON Schemas and YAML files against them, as an editor would.
//
//   node validate.mjs compile SCHEMA_DIR
//       compiles every *.schema.json in strict mode (Ajv's `strict: true`: unknown keywords,
//       unknown formats and ambiguous types are errors); prints {"schema": ..., "error": ...}
//       for each one that fails, with ajv-formats and with plain Ajv.
//   node validate.mjs files [--schemas DIR] FILE...
//       validates each YAML file against the schema its first line names
//       (`# yaml-language-server: $schema=PATH`, PATH relative to the file, as the YAML
//       language server resolves it), or against DIR/<that schema's file name> with --schemas.
//       YAML is read as YAML 1.2 (core schema), as the language server reads it.
//
// Prints one JSON object: {"results": [{"file", "schema", "valid", "errors": [...]}]} and
// exits 0; a schema that cannot be found or compiled is a result with valid: false.
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import YAML from "yaml";

function ajv(formats = true) {
  const a = new Ajv2020({ strict: true, allErrors: true });
  if (formats) addFormats(a);
  return a;
}

const [mode, ...rest] = process.argv.slice(2);

if (mode === "compile") {
  const dir = rest[0];
  const failures = [];
  const names = fs.readdirSync(dir).filter((n) => n.endsWith(".schema.json")).sort();
  for (const name of names) {
    // With ajv-formats (which also knows int32, double and a few more), and with plain Ajv,
    // where only a schema with no non-standard format passes.
    for (const formats of [true, false]) {
      try {
        ajv(formats).compile(JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")));
      } catch (e) {
        failures.push({ schema: name, formats, error: String(e.message) });
      }
    }
  }
  console.log(JSON.stringify({ compiled: names.length, failures }));
} else if (mode === "files") {
  let schemaDir = null;
  const files = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--schemas") schemaDir = rest[++i];
    else files.push(rest[i]);
  }
  const cache = new Map();
  const results = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    const first = text.split("\n", 1)[0];
    const m = /^# yaml-language-server: \$schema=(\S+)\s*$/.exec(first);
    if (!m) {
      results.push({ file, schema: null, valid: false, errors: ["no $schema line"] });
      continue;
    }
    const schemaPath = schemaDir
      ? path.join(schemaDir, path.basename(m[1]))
      : path.resolve(path.dirname(file), m[1]);
    let validate = cache.get(schemaPath);
    if (!validate) {
      try {
        validate = ajv().compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
      } catch (e) {
        results.push({ file, schema: schemaPath, valid: false, errors: [`schema: ${e.message}`] });
        continue;
      }
      cache.set(schemaPath, validate);
    }
    let doc;
    try {
      doc = YAML.parse(text, { version: "1.2", schema: "core", uniqueKeys: true });
    } catch (e) {
      results.push({ file, schema: schemaPath, valid: false, errors: [`yaml: ${e.message}`] });
      continue;
    }
    const valid = validate(doc);
    const errors = (validate.errors || []).map((e) => `${e.instancePath || "/"} ${e.message}`);
    results.push({ file, schema: schemaPath, valid, errors });
  }
  console.log(JSON.stringify({ results }));
} else {
  console.error("usage: node validate.mjs compile DIR | files [--schemas DIR] FILE...");
  process.exit(2);
}
