/**
 * An unreadable file named for a commune (text saved as `ensemble-gao_BAR_Bara_2023.xlsx`): its feedback
 * tells Bara « refusé », so the consolidation says the same. Its `Sources` row names the commune and the
 * period its name tells, the commune-period is « refusé » (not « non reçu ») in the console, Synthèse and
 * --json, and the IATI and DHIS2 exports name Bara once.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { LABELS } from '../../pipeline/write/consolidated/labels';
import type { CliResult } from '../cli/capture';
import {
  copyExamples,
  mergeCli,
  readWorkbook,
  records,
  rowWith,
  sheet,
  tempDir,
  textsOf,
} from '../helpers/merge-fixtures';

const tmp = tempDir('merge-unreadable-named');
afterAll(() => tmp.remove());

const L = LABELS.fr;
const ROOT = path.resolve(__dirname, '..', '..');
const MAPPING = path.join(ROOT, 'templates', 'dhis2-mapping.exemple.json');
const input = path.join(tmp.dir, 'recus');
const output = path.join(tmp.dir, 'consolide.xlsx');
const BARA = 'ensemble-gao_BAR_Bara_2023.xlsx';

let cli: CliResult;
let json: {
  sources: { file: string; commune: string | null; period: string | null; status: string }[];
  coverage: { commune: string; period: string; state: string; files: string[] }[];
  iati: { leftOut: { id: string; params: Record<string, string> }[] };
  dhis2: {
    leftOutFiles: { file: string; commune: string | null; period: string | null; reason: string }[];
    notReceived: { commune: string; period: string; state: string }[];
  };
  feedback: { sources: { file: string; commune: string | null; period: string | null; verdict: string }[] };
};
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  copyExamples(input, ['BAR']);
  writeFileSync(path.join(input, BARA), 'pas un classeur');
  const args = (name: string) => [
    '--input',
    input,
    '--output',
    output,
    '--iati',
    path.join(tmp.dir, `${name}.xml`),
    '--dhis2',
    path.join(tmp.dir, `${name}.json`),
    '--dhis2-mapping',
    MAPPING,
    '--feedback',
    path.join(tmp.dir, `retours-${name}`),
  ];
  json = JSON.parse((await mergeCli([...args('json'), '--json'])).stdout) as typeof json;
  cli = await mergeCli(args('console'));
  workbook = await readWorkbook(output);
}, 120_000);

test('--json: the file carries the commune and period its name tells, and Bara 2023 is « rejected »', () => {
  expect(json.sources.find((s) => s.file === BARA)).toMatchObject({
    commune: 'BAR',
    period: '2023',
    status: 'rejected',
  });
  expect(json.coverage.find((c) => c.commune === 'BAR' && c.period === '2023')).toMatchObject({
    state: 'rejected',
    files: [BARA],
  });
  // The feedback says the same: Bara, 2023, refused.
  expect(json.feedback.sources.find((s) => s.file === BARA)).toMatchObject({
    commune: 'BAR',
    period: '2023',
    verdict: 'unusable',
  });
});

test('console: « Non reçu » says the file was refused, like for a readable refused file', () => {
  expect(cli.code).toBe(1);
  expect(cli.stdout).toContain('Non reçu : Bara : 2023 non reçu (fichier refusé).');
});

test('Synthèse and Sources: Bara 2023 « refusé », its file’s row names Bara and 2023', () => {
  const synthesis = sheet(workbook, 'Synthèse');
  expect(textsOf(synthesis)).toContain(
    '3 fichier(s) reçu(s) sur 4 attendus ; non reçus : Bara (2023, fichier refusé).',
  );
  const reception = records(synthesis, rowWith(synthesis, 'C', L.reception).number).slice(0, 4);
  expect(reception.find((r) => r.value(L.commune) === 'Bara')!.value(L.reception)).toBe(L.stateRejected);
  const sources = records(sheet(workbook, 'Sources'), 1);
  const row = sources.find((r) => r.value(L.file) === BARA)!;
  expect([row.value(L.commune), row.value(L.periods), row.value(L.status)]).toEqual(['Bara', '2023', 'refusé']);
  expect(sources.find((r) => r.value(L.file) === null)!.value(L.reason)).toBe('Bara : 2023 non reçu (fichier refusé)');
});

test('IATI and DHIS2 name Bara once: one refused commune-period, with its file', () => {
  const bara = json.iati.leftOut
    .filter((l) => l.params.commune === 'Bara' || l.params.file === BARA)
    .map((l) => ({ id: l.id, params: l.params }));
  expect(bara).toEqual([{ id: 'fileRejected', params: { commune: 'Bara', period: '2023', files: BARA } }]);
  expect(json.dhis2.notReceived).toEqual([{ commune: 'BAR', period: '2023', state: 'rejected' }]);
  expect(json.dhis2.leftOutFiles).toEqual([
    expect.objectContaining({ file: BARA, commune: 'BAR', period: '2023', reason: 'rejected' }),
  ]);
});
