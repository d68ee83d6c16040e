/**
 * English is English: every text of the English catalogues, in French neither by its typography (« »,
 * narrow no-break spaces, a space before « : ») nor by its words. The French names of the template's and
 * the workbook's sheets and columns are the contract: they stay, quoted the English way (“Commentaire”).
 */
import { en as paneEnglish } from '../../addin/taskpane/strings';
import { CROSS_FILE_CHECKS } from '../../core/consolidate/cumulative';
import { CLI_TEXTS } from '../../core/messages/cli';
import { DHIS2_TEXTS } from '../../core/messages/exports-dhis2';
import { IATI_TEXTS } from '../../core/messages/exports-iati';
import { en as ruleEnglish } from '../../core/messages/en';
import { FEEDBACK_TEXTS } from '../../core/messages/feedback';
import { FRAMEWORK_TEXTS } from '../../core/messages/framework';
import { INPUT_ERROR_TEXTS } from '../../core/messages/inputs';
import { MERGE_TEXTS } from '../../core/messages/merge';
import { RULES } from '../../core/rules/registry';
import { labelsFor } from '../../pipeline/write/consolidated/labels';
import { CONTRACT, FRENCH_WORDS } from '../helpers/english';

/** Every string of a catalogue, with its path. */
function strings(value: unknown, at: string): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}.${k}`));
  return [];
}

const CATALOGUES: [string, unknown][] = [
  ['core/messages/en', ruleEnglish],
  ['core/messages/merge (en)', MERGE_TEXTS.en],
  ['core/messages/inputs (en)', INPUT_ERROR_TEXTS.en],
  ['core/messages/cli (en)', CLI_TEXTS.en],
  ['core/messages/framework (en)', FRAMEWORK_TEXTS.en],
  ['core/messages/feedback (en)', FEEDBACK_TEXTS.en],
  ['core/messages/exports-dhis2 (en)', DHIS2_TEXTS.en],
  ['core/messages/exports-iati (en)', IATI_TEXTS.en],
  ['pipeline/write/consolidated/labels (en)', labelsFor('en')],
  ['addin/taskpane/strings (en)', paneEnglish],
  ['core/rules (descriptions, en)', Object.fromEntries(RULES.map((r) => [r.id, r.meta.description.en]))],
  [
    'core/consolidate (cross-file checks, en)',
    Object.fromEntries(CROSS_FILE_CHECKS.map((c) => [c.id, c.description.en])),
  ],
];

const all = CATALOGUES.flatMap(([name, catalogue]) => strings(catalogue, name));

test('the catalogues are found', () => {
  expect(all.length).toBeGreaterThan(300);
});

/** The project's own name is a name, not French. */
const PROJECT = 'Ensemble pour un avenir meilleur';

test.each(all)('%s is English', (_path, text) => {
  const withoutContract = CONTRACT.reduce((t, name) => t.split(`“${name}”`).join('“…”'), text.split(PROJECT).join('…'));
  expect(withoutContract).not.toMatch(/[«»\u202f]/);
  expect(withoutContract).not.toMatch(/ [:;!?](\s|$)/);
  expect(withoutContract.replace(/\{[^}]*\}/g, '')).not.toMatch(FRENCH_WORDS);
});
