/** One typing mistake, one message: a cell in error does not also get the warnings its wrong value sets off. */
import { renderIssue } from '../../core/messages';
import { RULES } from '../../core/rules/registry';
import { BUD, IND, setValue } from '../helpers/build-tables';
import { runCase } from '../helpers/rule-tester';

const at = (address: string) => (i: { sheet: string | null; address: string | null }) => i.address === address;

test('« 12,5 » typed as text in a count: the error alone, no « saisissez le nombre 12,5 », no rate warning', () => {
  // Row 5 is R2.2.1, a count not disaggregated by sex (target 2 for Gounzourèye).
  const issues = runCase({ name: '12,5 as text', tables: (t) => setValue(t, IND, 'F5', '12,5') }, RULES);
  const onCell = issues.filter(at('F5'));
  expect(onCell.map((i) => [i.ruleId, i.messageId, i.severity])).toEqual([['non-negative-integer', 'fractional', 'error']]);
  expect(onCell.some((i) => i.fix)).toBe(false);
  expect(renderIssue(onCell[0]!, 'fr')).toBe('« Réalisé » vaut 12,5 : un effectif est un nombre entier.');
});

test('an amount with centimes typed as text: one error, and the overspend warning it would set off is dropped', () => {
  const issues = runCase({ name: 'centimes', tables: (t) => setValue(t, BUD, 'D2', '9 999 999,5') }, RULES);
  expect(issues.filter(at('D2')).map((i) => `${i.ruleId}/${i.messageId}`)).toEqual(['non-negative-integer/fractionalAmount']);
});

test('a warning on a cell without error stays, and errors on other cells do not hide it', () => {
  const issues = runCase({ name: 'two cells', tables: (t) => (setValue(t, IND, 'F5', '12,5'), setValue(t, BUD, 'D2', '4 625 000')) }, RULES);
  expect(issues.filter(at('D2')).map((i) => `${i.ruleId}/${i.severity}`)).toEqual(['number-as-text/warning']);
});
