/**
 * The names and the short message of the feedback: file names every system accepts (accents kept),
 * the commune and period told by a file name, and a message that stays under 600 characters whatever
 * the names and reasons.
 */
import { communeFromName, periodFromName } from '../../core/file-name';
import { feedbackRows, safeFileName } from '../../pipeline/write/feedback/rows';
import { MESSAGE_MAX, shortMessage } from '../../pipeline/write/feedback/text';
import type { Issue } from '../../core/report';
import { framework } from '../helpers/merge-fixtures';

test('a file name keeps its accents and loses what Windows refuses or what would make a path', () => {
  expect(safeFileName('retour_GNZ_Gounzourèye_2023')).toBe('retour_GNZ_Gounzourèye_2023');
  expect(safeFileName('retour_X_Commune/Nord\\Sud:2024?*<>|"T1.')).toBe('retour_X_Commune-Nord-Sud-2024------T1');
  expect(safeFileName('a\u0000b\nc')).toBe('a-b-c');
});

test('the commune and the period a file name tells', () => {
  expect(communeFromName('ensemble-gao_BAR_Bara_2023.xlsx', framework)).toBe('BAR');
  expect(communeFromName('rapport soni aliber 2023.xlsx', framework)).toBe('SAL');
  expect(communeFromName('GOUNZOUREYE.xlsx', framework)).toBe('GNZ');
  expect(communeFromName('notes.xlsx', framework)).toBeNull();
  // Two communes named: none is guessed.
  expect(communeFromName('bara_et_ansongo.xlsx', framework)).toBeNull();
  expect(periodFromName('rapport_Bara_2023.xlsx', framework)).toBe('2023');
  expect(periodFromName('rapport_Bara.xlsx', framework)).toBeNull();
});

const issue = (address: string, severity: Issue['severity'] = 'error'): Issue => ({
  ruleId: 'not-a-number',
  severity,
  sheet: 'Indicateurs',
  row: Number(address.slice(1)),
  column: 6,
  address,
  messageId: 'notNumber',
  params: { text: 'x'.repeat(300), field: 'Réalisé' },
});

test('the short message stays under 600 characters, with the first three cells, whatever the lengths', () => {
  const rows = feedbackRows(
    Array.from({ length: 40 }, (_, i) => issue(`F${i + 2}`)),
    'fr',
  );
  const text = shortMessage({
    lang: 'fr',
    commune: 'Gounzourèye',
    code: 'GNZ',
    period: '2023',
    file: `${'très-long-nom-'.repeat(30)}.xlsx`,
    workbook: `retour_GNZ_${'Gounzourèye'.repeat(20)}_2023.xlsx`,
    verdict: 'refused',
    rows,
    unusable: null,
  });
  expect(text.length).toBeLessThan(MESSAGE_MAX);
  expect(text).toContain('40 problème(s) à corriger');
  expect(text).toContain('Indicateurs!F2, Indicateurs!F3, Indicateurs!F4');
  const unusable = shortMessage({
    lang: 'fr',
    commune: 'Bara',
    code: 'BAR',
    period: '2023',
    file: `${'x'.repeat(500)}.xlsx`,
    workbook: 'retour_BAR_Bara_2023.xlsx',
    verdict: 'unusable',
    rows: [],
    unusable: 'y'.repeat(800),
  });
  expect(unusable.length).toBeLessThan(MESSAGE_MAX);
  expect(unusable).toContain('Enregistrez-le en .xlsx et renvoyez-le.');
});

test('an accepted file with remarks is told to check them, not to fix and resend', () => {
  const text = shortMessage({
    lang: 'fr',
    commune: 'Bara',
    code: 'BAR',
    period: '2023',
    file: 'fiche.xlsx',
    workbook: 'retour_BAR_Bara_2023.xlsx',
    verdict: 'remarks',
    rows: feedbackRows([issue('F2')], 'fr'),
    unusable: null,
  });
  expect(text).toContain('1 remarque(s) à vérifier');
  expect(text).not.toMatch(/à corriger|renvoyez/);
});

test('errors come before warnings, each in the template’s sheet order, then by row', () => {
  const rows = feedbackRows(
    [
      { ...issue('D2', 'warning'), sheet: 'Bénéficiaires' },
      { ...issue('F9'), sheet: 'Budget' },
      issue('F7'),
      { ...issue('B8'), sheet: 'Identification' },
      issue('F3', 'warning'),
      issue('F2'),
    ],
    'fr',
  );
  expect(rows.map((r) => `${r.label} ${r.sheet}!${r.address}`)).toEqual([
    'Erreur Identification!B8',
    'Erreur Indicateurs!F2',
    'Erreur Indicateurs!F7',
    'Erreur Budget!F9',
    'Avertissement Indicateurs!F3',
    'Avertissement Bénéficiaires!D2',
  ]);
});
