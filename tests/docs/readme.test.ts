import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../core/rules/registry';
import { withRulesCatalogue } from '../../pipeline/rules-doc';

const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('carries the rule catalogue generated from the rules themselves (run npm run docs:rules)', () => {
    expect(withRulesCatalogue(readme)).toBe(readme);
  });

  it('lists every rule id of the registry', () => {
    for (const rule of RULES) expect(readme).toContain(`\`${rule.id}\``);
  });

  it('gives the two-command quick start', () => {
    expect(readme).toContain('npm install && npm run merge');
    expect(readme).toContain('npm test');
  });
});
