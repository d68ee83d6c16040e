import { TEMPLATE_VERSION } from '../../core/layout/contract';
import { findSheet, locate } from '../../core/layout/locate';
import { normalise } from '../../core/text';
import type { Tables } from '../../core/tables';
import { validate } from '../../core/validate';
import {
  BEN,
  BUD,
  buildTables,
  framework,
  ID,
  IND,
  insertRow,
  mapText,
  META,
  moveColumn,
  renameHeader,
  renameSheet,
  setValue,
} from '../helpers/build-tables';

const nfd = (s: string) => s.normalize('NFD');

/** Variations of layout that a coordinator (or Excel) may produce: the workbook must still validate clean. */
const CLEAN: [string, (t: Tables) => unknown][] = [
  [
    'sheet names in capitals without accents',
    (t) => (renameSheet(t, BEN, 'BENEFICIAIRES'), renameSheet(t, IND, 'INDICATEURS'), renameSheet(t, BUD, 'budget')),
  ],
  ['sheet names in lower case with accents', (t) => renameSheet(t, BEN, 'bénéficiaires')],
  ['sheet names with decomposed accents (NFD)', (t) => (renameSheet(t, BEN, nfd(BEN)), renameSheet(t, ID, nfd(ID)))],
  ['sheet names with spaces around', (t) => renameSheet(t, IND, ' Indicateurs ')],
  [
    'every text decomposed (NFD): sheets, headers, labels, commune',
    (t) => (mapText(t, nfd), t.sheets.forEach((s) => (s.name = nfd(s.name)))),
  ],
  [
    'headers in capitals without accents',
    (t) =>
      ['Réalisé', 'Prévu', 'Résultat', 'Unité'].forEach((h) => renameHeader(t, IND, h, normalise(h).toUpperCase())),
  ],
  ['headers with decomposed accents', (t) => renameHeader(t, BEN, 'Catégorie', nfd('Catégorie'))],
  [
    'budget headers without their (FCFA)',
    (t) => (renameHeader(t, BUD, 'Prévu (FCFA)', 'Prevu'), renameHeader(t, BUD, 'Dépensé (FCFA)', 'DÉPENSÉ')),
  ],
  ['budget headers with the unit in other case', (t) => renameHeader(t, BUD, 'Dépensé (FCFA)', 'dépensé (fcfa)')],
  ['headers with no-break spaces', (t) => renameHeader(t, BUD, 'Prévu (FCFA)', 'Prévu\u00a0(FCFA)')],
  [
    'Identification labels in capitals, with a colon',
    (t) => (renameHeader(t, ID, 'Date de saisie', 'DATE DE SAISIE :'), renameHeader(t, ID, 'Période', 'Periode:')),
  ],
  ['Identification labels with decomposed accents', (t) => renameHeader(t, ID, 'Région', nfd('Région'))],
  ['Commentaire moved to the first column', (t) => moveColumn(t, IND, 'I', 'A')],
  ['Réalisé moved after Commentaire', (t) => moveColumn(t, IND, 'F', 'I')],
  ['Dépensé and Prévu swapped', (t) => moveColumn(t, BUD, 'D', 'C')],
  ['Code moved to the last column', (t) => moveColumn(t, BEN, 'A', 'F')],
  [
    'a title row inserted above each header',
    (t) => [IND, BUD, BEN].forEach((s) => insertRow(t, s, 1, [`${s} – Gounzourèye 2023`])),
  ],
  [
    'three rows inserted above the header, one of them blank',
    (t) => (
      insertRow(t, IND, 1, ['Fiche de suivi']),
      insertRow(t, IND, 2),
      insertRow(t, IND, 3, ['Commune de Gounzourèye'])
    ),
  ],
  ['a title row above Identification', (t) => insertRow(t, ID, 1, ['Rapport annuel'])],
  ['Identification labels moved one column right', (t) => moveColumn(t, ID, 'C', 'A')],
  ['blank rows between data rows', (t) => (insertRow(t, IND, 5), insertRow(t, BUD, 3), insertRow(t, BEN, 4))],
  [
    'codes in lower case',
    (t) => (setValue(t, IND, 'A2', 'r1.1.1'), setValue(t, BUD, 'A2', 'bud-1'), setValue(t, BEN, 'A2', 'ben-0-14')),
  ],
  ['the _meta sheet renamed in capitals', (t) => renameSheet(t, META, '_META')],
  [
    'all of it at once',
    (t) => {
      renameSheet(t, BEN, 'BENEFICIAIRES');
      moveColumn(t, IND, 'I', 'B');
      insertRow(t, IND, 1, ['Indicateurs']);
      renameHeader(t, IND, 'Femmes', 'FEMMES');
      moveColumn(t, 'BENEFICIAIRES', 'F', 'C');
      mapText(t, nfd);
    },
  ],
];

describe('layout variations still validate clean', () => {
  it.each(CLEAN)('%s', (_name, mutate) => {
    const tables = buildTables();
    mutate(tables);
    const report = validate(tables, framework());
    expect(report.issues).toEqual([]);
    expect(report.commune).toBe('GNZ');
    expect(report.period).toBe('2023');
    expect(report.stats).toMatchObject({ inputs: 40, filled: 40 });
  });
});

describe('locate', () => {
  it('finds sheets whatever their case, accents and Unicode form', () => {
    const tables = buildTables();
    renameSheet(tables, BEN, nfd('BÉNÉFICIAIRES'));
    for (const name of [BEN, 'beneficiaires', 'BENEFICIAIRES', nfd(BEN), ' Bénéficiaires '])
      expect(findSheet(tables, name)?.name).toBe(nfd('BÉNÉFICIAIRES'));
    expect(findSheet(tables, 'Bénéficiaire')).toBeNull();
  });

  it('follows headers to the columns where they were moved', () => {
    const tables = buildTables();
    moveColumn(tables, IND, 'F', 'I'); // Réalisé after Commentaire: G, H, I shift left
    insertRow(tables, IND, 1, ['Indicateurs']);
    const view = locate(tables);
    expect(view.indicators.headerRow).toBe(2);
    expect(view.indicators.columns).toEqual({
      code: 1,
      result: 2,
      label: 3,
      unit: 4,
      planned: 5,
      women: 6,
      men: 7,
      comment: 8,
      achieved: 9,
    });
    expect(view.indicators.rows[0]).toEqual({ code: 'R1.1.1', row: 3 });
    expect(view.indicators.rows).toHaveLength(13);
    // and the issues point at the moved cell
    setValue(tables, IND, 'I3', null);
    expect(validate(tables, framework()).issues.map((i) => `${i.ruleId} ${i.sheet}!${i.address}`)).toEqual([
      'required-value Indicateurs!I3',
    ]);
  });

  it('reports the issues of a renamed sheet under its own name', () => {
    const tables = buildTables();
    renameSheet(tables, BEN, 'BENEFICIAIRES');
    setValue(tables, 'BENEFICIAIRES', 'F5', -1);
    expect(validate(tables, framework()).issues.map((i) => `${i.ruleId} ${i.sheet}!${i.address}`)).toEqual([
      'non-negative-integer BENEFICIAIRES!F5',
    ]);
  });

  it('records a missing sheet and a missing header row instead of throwing', () => {
    const tables = buildTables();
    tables.sheets.splice(
      tables.sheets.findIndex((s) => s.name === BUD),
      1,
    );
    renameHeader(tables, BEN, 'Code', 'Référence');
    const view = locate(tables);
    expect(view.budget).toMatchObject({ sheet: null, headerRow: null, rows: [] });
    // The header row is still found from its other headers; only « Code » is missing, and no row can be read.
    expect(view.beneficiaries.headerRow).toBe(1);
    expect(view.beneficiaries.missingHeaders).toEqual(['Code']);
    expect(view.beneficiaries.rows).toEqual([]);
    expect(view.indicators.missingHeaders).toEqual([]);
  });

  it('keeps data rows without a code and skips blank rows', () => {
    const tables = buildTables();
    insertRow(tables, BUD, 3);
    setValue(tables, BUD, 'E10', 'Total');
    const rows = locate(tables).budget.rows;
    expect(rows.map((r) => r.row)).toEqual([2, 4, 5, 6, 7, 8, 10]);
    expect(rows.at(-1)).toEqual({ code: '', row: 10 });
  });

  it('reads the Identification fields and the _meta keys', () => {
    const view = locate(buildTables({ commune: 'BAR', period: '2024' }));
    expect(view.identification.fields.commune).toMatchObject({
      row: 7,
      column: 2,
      cell: { kind: 'string', value: 'Bara' },
    });
    expect(view.identification.fields.entryDate).toMatchObject({
      row: 12,
      column: 2,
      cell: { kind: 'date', value: '2025-01-18' },
    });
    expect(view.meta).toEqual({
      frameworkId: 'ensemble-gao',
      frameworkVersion: framework().version,
      communeCode: 'BAR',
      templateVersion: TEMPLATE_VERSION,
      period: '2024',
    });
  });
});
