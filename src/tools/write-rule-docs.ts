/** Writes docs/rules.md from the built-in packs (run with `npm run docs:rules`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRuleReference } from '../docs/rule-reference.js';
import { packageRoot } from '../package-root.js';
import { loadRules } from '../rules/load-packs.js';

const target = join(packageRoot(), 'docs', 'rules.md');
writeFileSync(target, renderRuleReference(loadRules()));
process.stdout.write(`wrote ${target}\n`);
