import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withRulesCatalogue } from '../rules-doc';
import { EXIT, reportFailure, runAsMain } from './common';

export const README = path.resolve(__dirname, '..', '..', 'README.md');

/** `npm run docs:rules`: rewrites the README's rule catalogue from the rules' metadata. */
export function run(): number {
  try {
    const before = readFileSync(README, 'utf8');
    const after = withRulesCatalogue(before);
    if (after !== before) writeFileSync(README, after);
    process.stdout.write(`${README}: ${after === before ? 'à jour' : 'catalogue des règles régénéré'}\n`);
    return EXIT.ok;
  } catch (err) {
    return reportFailure(err);
  }
}

runAsMain(module, run);
