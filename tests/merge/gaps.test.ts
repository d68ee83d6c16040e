/**
 * The Écarts line and « non reçu »: a commune below its target names the indicator, the commune and
 * the coordinator's comment; a commune that sent nothing is « non reçu », never 0.
 */
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { CliResult } from '../cli/capture';
import {
  ALL_DONE,
  COMMUNES,
  communeName,
  copyExamples,
  dataTable,
  DETAIL_HEADER_ROW,
  headers,
  detailRows,
  formulaOf,
  framework,
  mergeCli,
  pointsPerReport,
  readWorkbook,
  SEED_ACHIEVED,
  rowWith,
  sectionTexts,
  sheet,
  shown,
  synthesisCommunes,
  tempDir,
  writeCommune,
} from '../helpers/merge-fixtures';

const tmp = tempDir('merge-gaps');
afterAll(() => tmp.remove());

describe('Bara below target on R4.3.1, with a comment', () => {
  const input = path.join(tmp.dir, 'below');
  const output = path.join(tmp.dir, 'below.xlsx');
  const comment = "Insécurité sur l'axe Ansongo-Bara";
  let cli: CliResult;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    copyExamples(input, ['BAR']);
    await writeCommune(input, 'BAR', {
      fill: { 'indicators:R4.3.1:achieved': 1, 'indicators:R4.3.1:comment': comment },
    });
    cli = await mergeCli(['--input', input, '--output', output]);
    workbook = await readWorkbook(output);
  });

  test('exit 0: an explained shortfall is not an error', () => {
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
  });

  test('Écarts names R4.3.1 and Bara, gives 7 of 8 and 1 of 2, and quotes the comment', () => {
    const gaps = sectionTexts(sheet(workbook, 'Synthèse'), 'Écarts');
    expect(gaps).toHaveLength(1);
    const [line] = gaps as [string];
    expect(line).toContain('R4.3.1');
    expect(line).toContain('Dialogues communautaires');
    expect(line).toContain('réalisé 7 sur 8 prévus');
    expect(line).toContain('Bara : 1 sur 2');
    expect(line).toContain(comment);
    expect(line).not.toContain(ALL_DONE);
    // Only Bara is blamed, with its own figures and its comment in « ».
    expect(line).toBe(
      `R4.3.1 Dialogues communautaires : réalisé 7 sur 8 prévus (88\u00a0%) – Bara : 1 sur 2 (« ${comment} »)`,
    );
  });

  test('no longer says that all activities were done', () => {
    expect(sectionTexts(sheet(workbook, 'Synthèse'), 'Écarts')).not.toContain(ALL_DONE);
  });

  test('Prévu vs Réalisé: total 7, Bara 1 at 50 % with its comment; the other indicators unchanged', () => {
    const rows = detailRows(sheet(workbook, 'Prévu vs Réalisé'));
    const r431 = rows.filter((r) => r.code === 'R4.3.1');
    expect(r431.find((r) => r.commune === 'Total projet')!.value('Réalisé')).toBe(7);
    const bara = r431.find((r) => r.commune === 'Bara')!;
    expect([bara.value('Prévu'), bara.value('Réalisé'), bara.value('Taux'), bara.value('Commentaires')]).toEqual([
      2,
      1,
      0.5,
      comment,
    ]);
    for (const [code, total] of Object.entries(SEED_ACHIEVED).filter(([c]) => c !== 'R4.3.1'))
      expect([code, rows.find((r) => r.code === code && r.commune === 'Total projet')!.value('Réalisé')]).toEqual([
        code,
        total,
      ]);
  });

  test('Données: Bara’s R4.3.1 is 1, the sum 7', () => {
    const rows = dataTable(workbook).filter((r) => r['Code'] === 'R4.3.1' && r['Désagrégation'] === 'Total');
    expect(rows.find((r) => r['Commune'] === 'Bara')!['Réalisé']).toBe(1);
    expect(rows.reduce((a, r) => a + Number(r['Réalisé']), 0)).toBe(7);
  });
});

describe('Bara missing: only three files', () => {
  const input = path.join(tmp.dir, 'missing');
  const output = path.join(tmp.dir, 'missing.xlsx');
  let cli: CliResult;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    copyExamples(input, ['BAR']);
    cli = await mergeCli(['--input', input, '--output', output]);
    workbook = await readWorkbook(output);
  });

  test('exit 0, and the summary names the missing commune', () => {
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('3 fichier(s) : 3 accepté(s)');
    expect(cli.stdout).toContain('Non reçu : Bara : 2023 non reçu.');
  });

  test.each([
    ['Prévu vs Réalisé', ['Réalisé']],
    ['Budget', ['Dépensé (FCFA)']],
    ['Bénéficiaires', ['Total']],
  ] as const)('%s: every Bara row shows « non reçu », never 0', (name, columns) => {
    const rows = detailRows(sheet(workbook, name)).filter((r) => r.commune === 'Bara');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows)
      for (const column of columns) {
        expect([r.code, column, r.value(column)]).toEqual([r.code, column, 'non reçu']);
        // A plain text, not a formula that could be mistaken for a number.
        expect(formulaOf(r.get(column))).toBeNull();
      }
  });

  test('Prévu vs Réalisé: Bara’s Femmes / Hommes of people indicators are « non reçu », its rate blank, its Prévu kept', () => {
    const rows = detailRows(sheet(workbook, 'Prévu vs Réalisé')).filter((r) => r.commune === 'Bara');
    for (const r of rows) {
      const ind = framework.indicators.find((i) => i.code === r.code)!;
      expect(r.value('Prévu')).toBe(ind.targets['BAR']);
      expect(r.value('Taux')).not.toBe(0);
      expect([null, '']).toContain(r.value('Taux'));
      if (ind.unit === 'personnes')
        expect([r.code, r.value('Femmes'), r.value('Hommes')]).toEqual([r.code, 'non reçu', 'non reçu']);
    }
  });

  test('Prévu vs Réalisé totals: planned and rate over the three communes received; Bara’s target on its own row and apart in Synthèse', () => {
    const rows = detailRows(sheet(workbook, 'Prévu vs Réalisé'));
    const synthesis = sheet(workbook, 'Synthèse');
    for (const t of rows.filter((r) => r.commune === 'Total projet')) {
      const ind = framework.indicators.find((i) => i.code === t.code)!;
      const received = COMMUNES.filter((c) => c !== 'BAR').reduce((a, c) => a + (ind.targets[c] ?? 0), 0);
      expect([t.code, t.value('Réalisé'), t.value('Prévu'), t.value('Taux')]).toEqual([t.code, received, received, 1]);
      expect(rows.find((r) => r.code === t.code && r.commune === 'Bara')!.value('Prévu')).toBe(ind.targets.BAR);
      const line = rowWith(synthesis, 'A', t.code);
      expect([shown(line.getCell('C')), shown(line.getCell('E')), shown(line.getCell('F'))]).toEqual([
        received,
        1,
        ind.targets.BAR,
      ]);
      expect(received + (ind.targets.BAR ?? 0)).toBe(SEED_ACHIEVED[t.code]);
    }
  });

  test('Synthèse communes table: Bara « non reçu », its rate « non reçu », the others reçu', () => {
    const communes = synthesisCommunes(sheet(workbook, 'Synthèse'));
    const bara = communes.get('Bara')!;
    expect(bara.status).toBe('non reçu');
    expect(shown(bara.rate)).toBe('non reçu');
    for (const code of COMMUNES.filter((c) => c !== 'BAR'))
      expect(communes.get(communeName(code))!.status).toBe('reçu');
  });

  test('Écarts mention that Bara sent nothing, and do not say all was done', () => {
    const gaps = sectionTexts(sheet(workbook, 'Synthèse'), 'Écarts');
    expect(gaps).toContain('Données non reçues, absentes des totaux : Bara (2023).');
    expect(gaps).not.toContain(ALL_DONE);
  });

  test('Données has no row for Bara: only the numbers received', () => {
    const data = dataTable(workbook);
    expect(data).toHaveLength(3 * pointsPerReport());
    expect(data.some((r) => r['Commune'] === 'Bara')).toBe(false);
  });

  test('no cell of a detail sheet shows 0 for Bara where a number was expected', () => {
    for (const name of ['Prévu vs Réalisé', 'Budget', 'Bénéficiaires']) {
      const ws = sheet(workbook, name);
      const present = [...headers(ws, DETAIL_HEADER_ROW).keys()].filter((h) =>
        ['Réalisé', 'Dépensé (FCFA)', 'Total', 'Femmes', 'Hommes'].includes(h),
      );
      expect(present.length).toBeGreaterThan(0);
      for (const r of detailRows(ws).filter((x) => x.commune === 'Bara'))
        for (const header of present)
          expect([name, r.code, header, r.value(header)]).not.toEqual([name, r.code, header, 0]);
    }
  });
});
