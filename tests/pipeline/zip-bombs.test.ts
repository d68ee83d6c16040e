/**
 * Memory and CPU bombs that pass the per-entry ratio limit (tests/helpers/zip-bombs.ts builds them from
 * a real commune workbook): refused by name, or never inflated, with the other parts read as usual.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { inputErrorText } from '../../pipeline/cli/text';
import { InputError } from '../../pipeline/read/input-error';
import { readWorkbookBuffer, type ReadOptions } from '../../pipeline/read/xlsx';
import { DEFAULT_LIMITS, inspectZip } from '../../pipeline/read/zip-guard';
import { relationshipTargets } from '../../pipeline/read/package-refs';
import { bundledExample, copyExamples, mergeCli, tempDir } from '../helpers/merge-fixtures';
import {
  COMMENT_MARKER,
  communeWithMarker,
  hugeSharedString,
  sharedStringsBomb,
  smallEntriesBomb,
  unreferencedSheets,
} from '../helpers/zip-bombs';

const MiB = 1024 * 1024;
const tmp = tempDir('bombs');
afterAll(() => tmp.remove());
const example = readFileSync(bundledExample('GNZ'));

async function refusal(buffer: Buffer, options: ReadOptions = {}): Promise<InputError> {
  try {
    await readWorkbookBuffer(buffer, 'fiche.xlsx', DEFAULT_LIMITS, options);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

/** Bytes inflated by zlib while `run` runs. */
async function inflatedDuring(run: () => Promise<unknown>): Promise<number> {
  let total = 0;
  const real = zlib.inflateRawSync;
  const spy = jest.spyOn(zlib, 'inflateRawSync').mockImplementation((data, options) => {
    const out = real(data, options);
    total += out.length;
    return out;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return total;
}

test('a 300 KB file holding 40 MiB of shared strings is refused before anything is inflated, in French', async () => {
  const bomb = sharedStringsBomb(example, 40 * MiB);
  expect(bomb.length).toBeLessThan(400 * 1024);
  // Each entry passes the ratio test: only the total is hostile.
  const entry = inspectZip(bomb, { ...DEFAULT_LIMITS, maxInflatedBytes: Infinity });
  expect(entry.ok).toBe(true);
  let err: InputError | undefined;
  const inflated = await inflatedDuring(async () => {
    err = await refusal(bomb);
  });
  expect(err).toMatchObject({ code: 'tooMuchContent', params: { detail: 'xl/sharedStrings.xml', max: 32 } });
  expect(inflated).toBeLessThan(MiB);
  expect(inputErrorText(err!.code, err!.params, 'fr')).toBe(
    'contenu trop volumineux une fois décompressé (plus de 32 Mo à lire, dépassés à la partie xl/sharedStrings.xml), refusé par précaution : une fiche de commune en fait moins de 1 Mo ; enregistrez la fiche sans les feuilles ni les données ajoutées et renvoyez-la',
  );
  // exceljs alone is held to the same budget.
  expect(await refusal(bomb, { reader: 'exceljs' })).toMatchObject({ code: 'tooMuchContent' });
});

test('200 worksheet parts that workbook.xml does not name are never inflated; the workbook reads as without them', async () => {
  const bomb = unreferencedSheets(example, 200, Math.floor(2.5 * MiB));
  expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
  const plain = await readWorkbookBuffer(example, 'fiche.xlsx');
  let tables: unknown;
  const inflated = await inflatedDuring(async () => {
    tables = await readWorkbookBuffer(bomb, 'fiche.xlsx', DEFAULT_LIMITS, { reader: 'fast' });
  });
  expect(tables).toEqual(plain);
  // The workbook's own parts (about 50 KB), not 200 × 2,5 MiB.
  expect(inflated).toBeLessThan(MiB);
});

test('a read through exceljs, which inflates every entry, checks them all within the budget first', async () => {
  const bomb = unreferencedSheets(example, 20, Math.floor(2.5 * MiB));
  expect(await refusal(bomb, { reader: 'exceljs' })).toMatchObject({
    code: 'tooMuchContent',
    params: { detail: expect.stringMatching(/^xl\/worksheets\/sheet1\d\d\.xml$/) as string },
  });
});

test('entries of 1 MiB or less are tested for their ratio together: 450 of them compressed 1 000× are refused', async () => {
  const bomb = smallEntriesBomb(example, 450);
  expect(bomb.length).toBeLessThan(MiB);
  const verdict = inspectZip(bomb);
  expect(verdict).toEqual({
    ok: false,
    reason: 'ratio',
    detail: expect.stringMatching(/^xl\/media\/pad\d+\.bin$/) as string,
  });
  expect(await refusal(bomb)).toMatchObject({ code: 'zipBomb' });
  // One such entry alone is not a bomb (a blank sheet compresses well too).
  expect(inspectZip(smallEntriesBomb(example, 1)).ok).toBe(true);
});

test('a cell longer than Excel allows is refused by its sheet and address, in both readers', async () => {
  const base = await communeWithMarker('BAR', path.join(tmp.dir, 'marker.xlsx'));
  const long = hugeSharedString(base, COMMENT_MARKER, 40000);
  for (const reader of ['fast', 'exceljs'] as const) {
    const err = await refusal(long, { reader });
    expect(err).toMatchObject({
      code: 'cellTooLong',
      params: { sheet: 'Indicateurs', address: expect.stringMatching(/^I\d+$/) as string, max: 32767 },
    });
    expect(inputErrorText(err.code, err.params, 'fr')).toMatch(
      /^la cellule Indicateurs!I\d+ contient 40[\s\u202f]000 caractères, plus que les 32[\s\u202f]767 qu’Excel permet dans une cellule : raccourcissez ce texte, enregistrez le classeur et renvoyez-le$/,
    );
  }
  // 32 767 characters exactly are read as they are.
  const atLimit = await readWorkbookBuffer(hugeSharedString(base, COMMENT_MARKER, 32767), 'fiche.xlsx');
  const lengths = atLimit.sheets.flatMap((s) =>
    s.rows.flatMap((r) => (r ?? []).map((c) => (typeof c?.value === 'string' ? c.value.length : 0))),
  );
  expect(Math.max(...lengths)).toBe(32767);
});

test('relationship targets: relative, absolute, prefixed, external left out; one pass over hostile text', () => {
  const rels = [
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
    '<Relationship Id="rId1" Type="t" Target="worksheets/sheet1.xml"/>',
    '<ns0:Relationship ns0:Id="rId2" Type="t" Target="/xl/worksheets/sheet.xml"/>',
    "<Relationship Id='rId3' Type='t' Target='../customXml/item1.xml'/>",
    '<Relationship Id="rId4" Type="t" Target="https://example.org/" TargetMode="External"/>',
    '<Relationship Id="rId5" Type="t" Target="worksheets/feuille%201.xml"/>',
    '</Relationships>',
  ].join('');
  expect(relationshipTargets('xl/_rels/workbook.xml.rels', rels)).toEqual([
    'xl/worksheets/sheet1.xml',
    'xl/worksheets/sheet.xml',
    'customXml/item1.xml',
    'xl/worksheets/feuille%201.xml',
    'xl/worksheets/feuille 1.xml',
  ]);
  expect(
    relationshipTargets(
      '_rels/.rels',
      '<Relationship/><RelationshipX Target="a.xml"/><Relationship Target="xl/workbook.xml" />',
    ),
  ).toEqual(['xl/workbook.xml']);
  // Linear on hostile parts (Jest's timeout catches a quadratic scan): a million « < », a million
  // letters inside one tag, an attribute value never closed.
  expect(relationshipTargets('_rels/.rels', `${'<'.repeat(1_000_000)}>`)).toEqual([]);
  expect(
    relationshipTargets(
      '_rels/.rels',
      `<Relationships><Relationship ${'a'.repeat(1_000_000)} Target="x.xml"/></Relationships>`,
    ),
  ).toEqual([]);
  expect(
    relationshipTargets(
      '_rels/.rels',
      `<Relationships><Relationship Target="${'a'.repeat(1_000_000)}/></Relationships>`,
    ),
  ).toEqual([]);
});

test('a consolidated workbook larger than the budget is still told as the merge’s own output', async () => {
  const input = path.join(tmp.dir, 'own');
  copyExamples(input);
  const output = path.join(tmp.dir, 'own.xlsx');
  expect((await mergeCli(['--input', input, '--output', output])).code).toBe(0);
  const err = await readWorkbookBuffer(readFileSync(output), output, {
    ...DEFAULT_LIMITS,
    maxInflatedBytes: 64 * 1024,
  }).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'ownOutput' });
});
