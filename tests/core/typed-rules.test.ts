/**
 * The compiler, not a test run, catches a misspelt message id or a catalogue out of step with the rules.
 * Each `@ts-expect-error` below marks a mistake that must not compile: should the typing that rejects it
 * be lost, tsc (`npm run typecheck`, `npm test`) fails on the directive left unused. Jest runs the same
 * values to show what the compiler is guarding against: at run time, nothing would stop them.
 */
import type { Messages } from '../../core/messages';
import { en } from '../../core/messages/en';
import { fr } from '../../core/messages/fr';
import { excelError } from '../../core/rules/excel-error';
import type { RuleMessages } from '../../core/rules/registry';
import { defineRule, type LiteralIds, type MessageIdsOf, type Rule } from '../../core/rules/rule';
import { runCase, type RuleCases } from '../helpers/rule-tester';

/** Reports `found` on the first sheet; with the merge's --period « typo », a message id it never declared. */
const probe = defineRule({
  id: 'probe',
  meta: { description: { fr: 'Sonde.', en: 'Probe.' }, severity: 'warning', messageIds: ['found', 'missing'] },
  check({ view, options, report }) {
    const where = { sheet: view.tables.sheets[0]?.name ?? null };
    report({ messageId: 'found', where });
    if (options.expectedPeriod === 'typo')
      // @ts-expect-error 'fuond' is not one of the probe's meta.messageIds
      report({ messageId: 'fuond', where });
  },
});

describe('defineRule', () => {
  it('keeps the rule as written, its message ids typed as literals', () => {
    const ids: readonly ('found' | 'missing')[] = probe.meta.messageIds;
    expect(ids).toEqual(['found', 'missing']);
    // @ts-expect-error a rule's message ids are its own, not any string
    const other: MessageIdsOf<typeof probe> = 'fuond';
    expect(probe.meta.messageIds).not.toContain(other);
  });

  it('a misspelt messageId compiles no more, though nothing would stop it at run time', () => {
    expect(runCase({ name: 'right' }, [probe]).map((i) => i.messageId)).toEqual(['found']);
    expect(runCase({ name: 'misspelt', options: { expectedPeriod: 'typo' } }, [probe]).map((i) => i.messageId)).toEqual(
      ['found', 'fuond'],
    );
  });

  it('a rule test may expect only the rule’s own message ids', () => {
    const cases: RuleCases<MessageIdsOf<typeof excelError>> = {
      valid: [],
      invalid: [
        {
          name: 'misspelt',
          issues: [
            {
              // @ts-expect-error 'eror' is not one of excel-error's messageIds ('error')
              messageId: 'eror',
              sheet: null,
              address: null,
            },
          ],
        },
      ],
    };
    expect(excelError.meta.messageIds).not.toContain(cases.invalid[0]!.issues[0]!.messageId);
  });

  it('a rule typed plain Rule is caught: its ids would be any string, voiding the catalogue check', () => {
    const typed: LiteralIds<typeof probe | typeof excelError> = true;
    // @ts-expect-error a plain Rule has `string` ids
    const plain: LiteralIds<Rule> = true;
    expect([typed, plain]).toEqual([true, true]);
  });
});

describe('the fr/en catalogues against the rules', () => {
  it('a message missing from a catalogue does not compile', () => {
    // @ts-expect-error late-entry declares `late`
    const missing: RuleMessages = { ...fr.rules, 'late-entry': {} };
    expect(missing['late-entry']).toEqual({});
    // @ts-expect-error en is typed as fr: the same messages
    const missingEn: Messages = { ...en, rules: { ...en.rules, 'excel-error': {} } };
    expect(missingEn.rules['excel-error']).toEqual({});
  });

  it('a message no rule declares does not compile', () => {
    const extra: RuleMessages = {
      ...fr.rules,
      // @ts-expect-error late-entry has no message `lateness`
      'late-entry': { ...fr.rules['late-entry'], lateness: 'Saisie en retard.' },
    };
    expect(Object.keys(extra['late-entry'])).toEqual(['late', 'lateness']);
  });

  it('the messages of a rule that RULES does not hold do not compile', () => {
    const unknown: RuleMessages = {
      ...fr.rules,
      // @ts-expect-error no registered rule has the id `probe`
      probe: { found: 'Trouvé.', missing: 'Manquant.' },
    };
    expect(Object.keys(unknown)).toContain('probe');
  });
});
