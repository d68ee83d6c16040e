/**
 * The four bundled examples (templates/exemples/) merged by `npm run merge` reproduce the seed report
 * (../shared/seed/fiche-projet-ensemble-gao.txt): every number once in Données, the « Total projet »
 * of each indicator, the budget, the partner's contribution and « Toutes les activités prévues … ».
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { extract } from '../../core/extract';
import { readWorkbookFile } from '../../pipeline/read/xlsx';
import {
  ALL_DONE,
  BUNDLED_EXAMPLES,
  COMMUNES,
  communeName,
  dataTable,
  detailRows,
  expectedPoints,
  fillFor,
  formulaOf,
  framework,
  hashFolder,
  mergeCli,
  pointsPerReport,
  readWorkbook,
  records,
  rowWith,
  SEED_ACHIEVED,
  SEED_BUDGET,
  SEED_PARTNER,
  sectionTexts,
  sheet,
  shown,
  synthesisCommunes,
  tempDir,
  textsOf,
} from '../helpers/merge-fixtures';
import type { CliResult } from '../cli/capture';

const tmp = tempDir('merge-seed');
const output = path.join(tmp.dir, 'consolidation.xlsx');
let cli: CliResult;
let workbook: ExcelJS.Workbook;
let before: Map<string, string>;

beforeAll(async () => {
  before = hashFolder(BUNDLED_EXAMPLES);
  cli = await mergeCli(['--input', BUNDLED_EXAMPLES, '--output', output]);
  workbook = await readWorkbook(output);
});
afterAll(() => tmp.remove());

test('exit code 0, every file accepted, all communes received', () => {
  expect(cli.stderr).toBe('');
  expect(cli.code).toBe(0);
  expect(cli.stdout).toContain('4 fichier(s) : 4 accepté(s), 0 refusé(s), 0 ignoré(s), 0 écarté(s).');
  expect(cli.stdout).toContain('Toutes les communes ont envoyé leur fichier pour chaque période (2023).');
  expect(cli.stdout).toContain(`Classeur consolidé : ${output}`);
});

test('the consolidated workbook has the seven sheets, in order', () => {
  expect(workbook.worksheets.map((w) => w.name)).toEqual([
    'Synthèse',
    'Prévu vs Réalisé',
    'Évolution',
    'Budget',
    'Bénéficiaires',
    'Données',
    'Contrôles',
    'Sources',
    'Textes longs',
  ]);
});

describe('Données: every number of every input exactly once', () => {
  test('as many rows as the inputs hold numbers (counted from the framework, and by reading each input)', async () => {
    const data = dataTable(workbook);
    expect(pointsPerReport()).toBe(40);
    expect(data).toHaveLength(COMMUNES.length * pointsPerReport());
    let points = 0;
    for (const file of before.keys())
      points += extract(await readWorkbookFile(path.join(BUNDLED_EXAMPLES, file)), framework).points.length;
    expect(data).toHaveLength(points);
  });

  test('each row is one number of one example, with its Prévu, and nothing is counted twice', () => {
    const data = dataTable(workbook);
    const key = (r: { commune: unknown; section: unknown; code: unknown; disaggregation: unknown }) =>
      `${String(r.commune)}|${String(r.section)}|${String(r.code)}|${String(r.disaggregation)}`;
    const got = new Map<string, { planned: unknown; achieved: unknown }>();
    for (const r of data) {
      const k = key({
        commune: r['Commune'],
        section: r['Section'],
        code: r['Code'],
        disaggregation: r['Désagrégation'],
      });
      expect(got.has(k)).toBe(false);
      got.set(k, { planned: r['Prévu'], achieved: r['Réalisé'] });
      expect(r['Période']).toBe('2023');
    }
    const expected = COMMUNES.flatMap((code) => expectedPoints(code, fillFor(code, '2023')));
    expect(got.size).toBe(expected.length);
    for (const p of expected)
      expect([key(p), got.get(key(p))]).toEqual([key(p), { planned: p.planned, achieved: p.achieved }]);
  });

  test.each(Object.entries(SEED_ACHIEVED))('sum of Réalisé for %s (Indicateurs, Total) is %i', (code, total) => {
    const rows = dataTable(workbook).filter(
      (r) => r['Section'] === 'Indicateurs' && r['Code'] === code && r['Désagrégation'] === 'Total',
    );
    expect(rows).toHaveLength(4);
    expect(rows.reduce((a, r) => a + Number(r['Réalisé']), 0)).toBe(total);
  });

  test('Source names the file each number came from', () => {
    const data = dataTable(workbook);
    for (const code of COMMUNES) {
      const sources = new Set(data.filter((r) => r['Commune'] === communeName(code)).map((r) => r['Source']));
      expect([...sources]).toEqual([expect.stringContaining(`_${code}_`)]);
    }
  });
});

describe('Prévu vs Réalisé: the « Total projet » rows', () => {
  test.each(Object.entries(SEED_ACHIEVED))('%s: Réalisé %i as a live formula with its cached result', (code, total) => {
    const rows = detailRows(sheet(workbook, 'Prévu vs Réalisé')).filter((r) => r.code === code);
    const totalRow = rows.find((r) => r.commune === 'Total projet')!;
    expect(totalRow).toBeDefined();
    const achieved = totalRow.get('Réalisé');
    expect((achieved.value as ExcelJS.CellFormulaValue).result).toBe(total);
    expect(achieved.result).toBe(total);
    expect(formulaOf(achieved)).toMatch(/^IF\(COUNT\(H\d+:H\d+\)=0,"non reçu",SUM\(H\d+:H\d+\)\)$/);
    expect(totalRow.value('Prévu')).toBe(total);
    // The planned total counts the communes that reported (all four here): the rates' one rule.
    expect(formulaOf(totalRow.get('Prévu'))).toMatch(/^SUMIF\(H(\d+):H(\d+),">=0",G\1:G\2\)$/);
    expect(totalRow.value('Taux')).toBe(1);
    // One row per commune under the total, in the framework's order, adding up to it.
    const communeRows = rows.filter((r) => r !== totalRow);
    expect(communeRows.map((r) => r.commune)).toEqual(COMMUNES.map(communeName));
    expect(communeRows.reduce((a, r) => a + Number(r.value('Réalisé')), 0)).toBe(total);
    // The SUM's range is exactly the commune rows.
    const [, first, last] = /SUM\(H(\d+):H(\d+)\)/.exec(formulaOf(achieved)!)!;
    expect([Number(first), Number(last)]).toEqual([communeRows[0]!.row, communeRows.at(-1)!.row]);
  });

  test('every indicator of the framework has its total row', () => {
    const totals = detailRows(sheet(workbook, 'Prévu vs Réalisé')).filter((r) => r.commune === 'Total projet');
    expect(totals.map((r) => r.code)).toEqual(framework.indicators.map((i) => i.code));
  });
});

describe('Budget', () => {
  test(`grand total ${SEED_BUDGET} FCFA planned and spent, execution 100 %`, () => {
    const ws = sheet(workbook, 'Budget');
    const row = rowWith(ws, 'B', 'Total budget');
    const headerOf = records(ws, 4)[0]!;
    const col = (header: string) => Number(headerOf.get(header).col);
    const planned = row.getCell(col('Prévu (FCFA)'));
    const spent = row.getCell(col('Dépensé (FCFA)'));
    expect(shown(planned)).toBe(SEED_BUDGET);
    expect(shown(spent)).toBe(SEED_BUDGET);
    expect(formulaOf(planned)).not.toBeNull();
    expect(formulaOf(spent)).toMatch(/^SUM\(/);
    expect(shown(row.getCell(col('Taux d’exécution')))).toBe(1);
    expect(shown(row.getCell(col('Reste (FCFA)')))).toBe(0);
  });

  test('each line’s « Total projet » is the framework’s planned amount, fully spent', () => {
    const rows = detailRows(sheet(workbook, 'Budget')).filter((r) => r.commune === 'Total projet');
    expect(rows.map((r) => r.code)).toEqual(framework.budgetLines.map((b) => b.code));
    for (const r of rows) {
      const line = framework.budgetLines.find((b) => b.code === r.code)!;
      const planned = Object.values(line.planned).reduce((a, b) => a + b, 0);
      expect([r.code, r.value('Prévu (FCFA)'), r.value('Dépensé (FCFA)')]).toEqual([r.code, planned, planned]);
    }
  });
});

test('Bénéficiaires: each category’s total equals its target', () => {
  const rows = detailRows(sheet(workbook, 'Bénéficiaires')).filter((r) => r.commune === 'Total projet');
  expect(rows.map((r) => r.code)).toEqual(framework.beneficiaries.map((b) => b.code));
  for (const r of rows) {
    const cat = framework.beneficiaries.find((b) => b.code === r.code)!;
    const target = Object.values(cat.targets).reduce((a, b) => a + b, 0);
    expect([r.code, r.value('Total'), r.value('Prévu')]).toEqual([r.code, target, target]);
  }
});

describe('Synthèse', () => {
  test('Écarts: « Toutes les activités prévues ont été réalisées. »', () => {
    expect(sectionTexts(sheet(workbook, 'Synthèse'), 'Écarts')).toEqual([ALL_DONE]);
  });

  test(`partner ${SEED_PARTNER}: ${SEED_BUDGET} FCFA, and the total`, () => {
    const ws = sheet(workbook, 'Synthèse');
    const partner = rowWith(ws, 'B', SEED_PARTNER);
    expect(shown(partner.getCell('C'))).toBe(SEED_BUDGET);
    const total = ws.getRow(partner.number + 1);
    expect(shown(total.getCell('B'))).toBe('Total');
    expect(shown(total.getCell('C'))).toBe(SEED_BUDGET);
  });

  test('the project budget from the framework; planned and spent reference the Budget sheet’s grand total', () => {
    const ws = sheet(workbook, 'Synthèse');
    expect(shown(rowWith(ws, 'A', 'Budget du projet (FCFA)').getCell('B'))).toBe(SEED_BUDGET);
    for (const label of ['Prévu des communes reçues (FCFA)', 'Dépensé (FCFA)']) {
      const cell = rowWith(ws, 'A', label).getCell('B');
      expect(shown(cell)).toBe(SEED_BUDGET);
      expect(formulaOf(cell)).toMatch(/^'Budget'!\$?[A-Z]+\$?\d+$/);
    }
  });

  test('Résultats atteints: the seed’s sentences, with its numbers', () => {
    const texts = textsOf(sheet(workbook, 'Synthèse'));
    for (const phrase of [
      '100 acteurs formels',
      '100 prestataires',
      '50 officiers',
      '5 sensibilisations',
      '4 plaidoyers',
      '4 centres',
      '200 jeunes',
      '8 dialogues',
    ])
      expect(texts.some((t) => t.includes(phrase))).toBe(true);
  });

  test('every commune is received', () => {
    const communes = synthesisCommunes(sheet(workbook, 'Synthèse'));
    expect([...communes.keys()]).toEqual(COMMUNES.map(communeName));
    for (const c of communes.values()) {
      expect(c.status).toBe('reçu');
      expect(shown(c.rate)).toBe(1);
    }
  });
});

describe('Sources', () => {
  test('four accepted files with their SHA-256', () => {
    const rows = records(sheet(workbook, 'Sources'), 1);
    expect(rows.map((r) => r.value('Statut'))).toEqual(['accepté', 'accepté', 'accepté', 'accepté']);
    expect(rows.map((r) => r.value('Fichier'))).toEqual([...before.keys()]);
    for (const r of rows) expect(r.value('SHA-256')).toMatch(/^[0-9a-f]{64}$/);
    // One checked independently with node:crypto.
    const first = rows[0]!;
    const digest = createHash('sha256')
      .update(readFileSync(path.join(BUNDLED_EXAMPLES, String(first.value('Fichier')))))
      .digest('hex');
    expect(first.value('SHA-256')).toBe(digest);
    expect(rows.map((r) => r.value('SHA-256'))).toEqual([...before.values()]);
  });

  test('the communes, periods and coordinators of the files', () => {
    const rows = records(sheet(workbook, 'Sources'), 1);
    expect(rows.map((r) => r.value('Commune')).sort()).toEqual(COMMUNES.map(communeName).sort());
    for (const r of rows) {
      expect(r.value('Période')).toBe('2023');
      expect(r.value('Rempli par')).toEqual(expect.any(String));
      expect(r.value('Date de saisie')).toBeInstanceOf(Date);
      expect([r.value('Erreurs'), r.value('Avertissements')]).toEqual([0, 0]);
    }
  });
});

test('Contrôles: no issue in the examples', () => {
  expect(textsOf(sheet(workbook, 'Contrôles'))).toContain('Aucun problème dans les fichiers reçus.');
});

test('the input files are byte-identical after the run', () => {
  expect(hashFolder(BUNDLED_EXAMPLES)).toEqual(before);
});
