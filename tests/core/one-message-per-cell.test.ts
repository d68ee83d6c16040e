/** One typing mistake, one message: a cell in error does not also get the warnings its wrong value sets off. */
import { renderIssue } from '../../core/messages';
import { RULES } from '../../core/rules/registry';
import type { Sheet, Tables } from '../../core/tables';
import { BUD, getSheet, IND, setValue } from '../helpers/build-tables';
import { runCase } from '../helpers/rule-tester';

const at = (address: string) => (i: { sheet: string | null; address: string | null }) => i.address === address;

test('« 12,5 » typed as text in a count: the error alone, no « saisissez le nombre 12,5 », no rate warning', () => {
  // Row 5 is R2.2.1, a count not disaggregated by sex (target 2 for Gounzourèye).
  const issues = runCase({ name: '12,5 as text', tables: (t) => setValue(t, IND, 'F5', '12,5') }, RULES);
  const onCell = issues.filter(at('F5'));
  expect(onCell.map((i) => [i.ruleId, i.messageId, i.severity])).toEqual([
    ['non-negative-integer', 'fractional', 'error'],
  ]);
  expect(onCell.some((i) => i.fix)).toBe(false);
  expect(renderIssue(onCell[0]!, 'fr')).toBe('« Réalisé » vaut 12,5 : un effectif est un nombre entier.');
});

test('« 12,5 » in a count of people: the value error alone, not also « Femmes + Hommes ≠ 12,5 » on the same cell', () => {
  // Row 2 is R1.1.1, counted in people (Femmes and Hommes filled, adding up to the example's value).
  const issues = runCase({ name: '12,5 of people', tables: (t) => setValue(t, IND, 'F2', '12,5') }, RULES);
  expect(issues.filter(at('F2')).map((i) => `${i.ruleId}/${i.messageId}`)).toEqual(['non-negative-integer/fractional']);
});

test('« 12,5 » in Femmes: the value error alone, not also « Femmes + Hommes ≠ Réalisé » on the Réalisé cell', () => {
  const issues = runCase({ name: '12,5 women', tables: (t) => setValue(t, IND, 'G2', '12,5') }, RULES);
  expect(issues.filter((i) => i.row === 2 && i.severity === 'error').map((i) => `${i.address} ${i.ruleId}`)).toEqual([
    'G2 non-negative-integer',
  ]);
});

test('a consistency error stays when the value itself is fine', () => {
  const issues = runCase({ name: 'sum off', tables: (t) => setValue(t, IND, 'F2', 26) }, RULES);
  expect(issues.filter(at('F2')).map((i) => `${i.ruleId}/${i.severity}`)).toContain('sex-sum-mismatch/error');
});

test('an amount with centimes typed as text: one error, and the overspend warning it would set off is dropped', () => {
  const issues = runCase({ name: 'centimes', tables: (t) => setValue(t, BUD, 'D2', '9 999 999,5') }, RULES);
  expect(issues.filter(at('D2')).map((i) => `${i.ruleId}/${i.messageId}`)).toEqual([
    'non-negative-integer/fractionalAmount',
  ]);
});

test('a warning on a cell without error stays, and errors on other cells do not hide it', () => {
  const issues = runCase(
    { name: 'two cells', tables: (t) => (setValue(t, IND, 'F5', '12,5'), setValue(t, BUD, 'D2', '4 625 000')) },
    RULES,
  );
  expect(issues.filter(at('D2')).map((i) => `${i.ruleId}/${i.severity}`)).toEqual(['number-as-text/warning']);
});

test('Indicateurs left empty while « Indicateurs (2) » holds the figures: one message naming the copy, not 23 « vide »', () => {
  const issues = runCase(
    {
      name: 'stranded copy',
      tables: (t: Tables) => {
        const copy: Sheet = structuredClone(getSheet(t, IND));
        copy.name = 'Indicateurs (2)';
        t.sheets.push(copy);
        // Clear what the coordinator typed in the original: Réalisé, Femmes, Hommes, Commentaire.
        const sheet = getSheet(t, IND);
        for (let row = 2; row <= sheet.rows.length; row++)
          for (const column of ['F', 'G', 'H', 'I']) setValue(t, IND, `${column}${row}`, null);
      },
    },
    RULES,
  );
  expect(issues.map((i) => `${i.ruleId}/${i.messageId}`)).toEqual(['missing-sheet/emptyOriginal']);
  expect(renderIssue(issues[0]!, 'fr')).toBe(
    'La feuille « Indicateurs » est vide et ses chiffres sont dans « Indicateurs (2) » : recopiez-les dans « Indicateurs », ou supprimez « Indicateurs » et renommez « Indicateurs (2) » en « Indicateurs ».',
  );
});
