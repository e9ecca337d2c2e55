// Asks ajv (draft 2020-12, strict mode) for its verdict on records of one form.
// Input file (argv[2]): {"schema": {...}, "formats": ["uscc"], "payloads": [{...}, ...]}
// Output file (argv[3]): [{"valid": true|false, "paths": ["contacts[0].mobile", ...]}, ...]
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
// allowUnionTypes: the schema writes "may be null" as type ["string", "null"], as draft 2020-12 intends
const ajv = new Ajv2020({strict: true, allErrors: true, allowUnionTypes: true});
addFormats(ajv); // "full" mode: a date must exist in the calendar
// plugin formats publish their pattern in the schema; what a pattern cannot say (a check character) is the server's
for (const name of input.formats) {
  ajv.addFormat(name, true);
}
// the engine's documented keyword: at most N digits after the decimal point, as the number is written
ajv.addKeyword({
  keyword: "x-decimalPlaces",
  type: "number",
  schemaType: "number",
  errors: false,
  validate: (places, value) => decimalPlaces(value) <= places,
});

// JavaScript writes a number with the fewest digits that read back the same, so this is exact for
// the 15 significant digits the engine allows
function decimalPlaces(value) {
  const m = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!m) {
    return Infinity;
  }
  return Math.max(0, (m[1] || "").length - Number(m[2] || 0));
}

// "/contacts/0/mobile" -> "contacts[0].mobile", as the server names fields
function fieldPath(error) {
  const segments = error.instancePath.split("/").slice(1).map(s => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const property = error.params.missingProperty || error.params.additionalProperty;
  if (property !== undefined) {
    segments.push(property);
  }
  let out = "";
  for (const s of segments) {
    out += /^\d+$/.test(s) ? "[" + s + "]" : (out ? "." : "") + s;
  }
  return out;
}

const validate = ajv.compile(input.schema);
const verdicts = input.payloads.map(payload => {
  const valid = validate(payload);
  return {valid, paths: valid ? [] : [...new Set(validate.errors.map(fieldPath))]};
});
fs.writeFileSync(process.argv[3], JSON.stringify(verdicts));
