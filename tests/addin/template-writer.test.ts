/**
 * « Créer le modèle » writes, through Office.js, the same template as the exceljs generator: read
 * back with the add-in's reader, the sheets equal the pipeline's template read with exceljs.
 */
import path from 'node:path';
import { readTables } from '../../addin/excel/reader';
import {
  asTypedText,
  ROLE_FILLS,
  widthToPoints,
  writeTemplate,
  writerFeatures,
} from '../../addin/excel/template-writer';
import { periodTree } from '../../core/framework/periods';
import { TEMPLATE_VERSION, UNDEFINED_TARGET_TEXT } from '../../core/layout/contract';
import { planTemplate } from '../../core/layout/plan';
import { validate } from '../../core/validate';
import { readWorkbookFile } from '../../pipeline/read/xlsx';
import { writeTemplateFile } from '../../pipeline/templates';
import { COMMUNE, framework, tempDir } from './helpers/fixtures';
import { createFakeOffice, type FakeOffice } from './fake-office';
import { snapshotFile, type WorkbookSnapshot } from './helpers/snapshot';

const blank: WorkbookSnapshot = {
  sheets: [
    {
      name: 'Feuil1',
      visibility: 'Visible',
      rowIndex: 0,
      columnIndex: 0,
      values: [['']],
      formulas: [['']],
      numberFormat: [['General']],
      valueTypes: [['Empty']],
    },
  ],
};

async function createIn(fake: FakeOffice, apiVersion: string, plan = planTemplate(framework(), COMMUNE)) {
  const features = writerFeatures(
    (v) => fake.Office.context.requirements.isSetSupported('ExcelApi', v) && apiVersion !== '',
  );
  await fake.Excel.run((context: Excel.RequestContext) =>
    writeTemplate(context, plan, features, { removeSheets: ['Feuil1'] }),
  );
  return plan;
}

describe('template writer (fake Office host)', () => {
  let exceljsFile: string;
  beforeAll(async () => {
    exceljsFile = path.join(tempDir(), 'template.xlsx');
    await writeTemplateFile(framework(), planTemplate(framework(), COMMUNE), exceljsFile);
  });

  it('writes the same cells as the exceljs template, in one sync', async () => {
    const fake = createFakeOffice(blank, { apiVersion: '1.9' });
    await createIn(fake, '1.9');
    expect(fake.state.syncCount).toBe(1);
    const written = await fake.Excel.run((context: Excel.RequestContext) => readTables(context));
    const expected = await readWorkbookFile(exceljsFile);
    expect(written).toEqual(expected);
    expect(validate(written, framework())).toEqual(validate(expected, framework()));
  });

  it('keeps text that looks like a number as text (_meta versions)', async () => {
    const fake = createFakeOffice(blank);
    await createIn(fake, '1.9');
    expect(fake.cell('_meta', 'B4')).toMatchObject({ value: TEMPLATE_VERSION, type: 'String' });
    expect(fake.cell('_meta', 'B2')).toMatchObject({ value: framework().version, type: 'String' });
    expect(asTypedText('2023')).toBe("'2023");
    expect(asTypedText('=SOMME(A1)')).toBe("'=SOMME(A1)");
    expect(asTypedText('VRAI')).toBe("'VRAI");
    expect(asTypedText('Gounzourèye')).toBe('Gounzourèye');
  });

  it('fills cells by role with the colours of the exceljs template', async () => {
    const fake = createFakeOffice(blank);
    await createIn(fake, '1.9');
    const reference = await snapshotFile(exceljsFile);
    let compared = 0;
    for (const sheet of reference.sheets)
      for (const [address, color] of Object.entries(sheet.fills ?? {})) {
        expect([sheet.name, address, fake.fill(sheet.name, address)]).toEqual([sheet.name, address, color]);
        compared++;
      }
    expect(compared).toBeGreaterThan(50);
    expect(Object.values(ROLE_FILLS)).toContain(fake.fill('Indicateurs', 'F2'));
  });

  it('hides _meta, freezes the header rows, sets widths, validation and protection, and drops the blank sheet', async () => {
    const fake = createFakeOffice(blank);
    await createIn(fake, '1.9');
    expect(fake.state.sheets.map((s) => s.name)).toEqual([
      'Identification',
      'Indicateurs',
      'Budget',
      'Bénéficiaires',
      'Instructions',
      '_meta',
    ]);
    expect(fake.sheet('_meta').visibility).toBe('VeryHidden');
    expect(fake.sheet('Indicateurs').frozenRows).toBe(1);
    expect(fake.sheet('Identification').frozenRows).toBe(0);
    expect(fake.sheet('Indicateurs').columnWidths.C).toBe(widthToPoints(58));
    expect(fake.sheet('Indicateurs').validations.F2?.rule).toEqual({
      wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' },
    });
    expect(fake.sheet('Identification').validations.B8?.rule?.list?.source).toBe(
      periodTree(framework().periods).reporting.join(','),
    );
    expect(fake.sheet('Identification').validations.B12?.rule?.date).toMatchObject({
      operator: 'Between',
      formula1: '2023-01-01',
    });
    expect(fake.sheet('Indicateurs').pageLayout.orientation).toBe('Landscape');
    for (const s of fake.state.sheets) expect([s.name, s.protection.protected]).toEqual([s.name, true]);
    expect(fake.cell('Indicateurs', 'F2')?.locked).toBe(false);
    expect(fake.cell('Indicateurs', 'E2')?.locked).toBe(true);
    expect(fake.state.active).toBe('Identification');
    expect(fake.state.selected).toEqual({ sheet: 'Identification', address: 'A1' });
  });

  it('skips what an older Excel cannot do (ExcelApi 1.2: no validation, no frozen rows)', async () => {
    const fake = createFakeOffice(blank, { apiVersion: '1.2' });
    await createIn(fake, '1.2');
    expect(fake.sheet('Indicateurs').frozenRows).toBe(0);
    expect(fake.sheet('Indicateurs').validations).toEqual({});
    expect(fake.sheet('Indicateurs').protection.protected).toBe(true);
    const written = await fake.Excel.run((context: Excel.RequestContext) => readTables(context));
    expect(written).toEqual(await readWorkbookFile(exceljsFile));
  });

  it.each(['2023', '2024'])(
    'renders the %s period template as the exceljs generator does: period locked, the period’s targets in Prévu',
    async (period) => {
      const fw = framework();
      const exceljs = path.join(tempDir(), `template-${period}.xlsx`);
      await writeTemplateFile(fw, planTemplate(fw, COMMUNE, period), exceljs);
      const fake = createFakeOffice(blank, { apiVersion: '1.9' });
      await createIn(fake, '1.9', planTemplate(fw, COMMUNE, period));
      const written = await fake.Excel.run((context: Excel.RequestContext) => readTables(context));
      expect(written).toEqual(await readWorkbookFile(exceljs));
      expect(fake.cell('Identification', 'B8')).toMatchObject({ value: period, locked: true });
      expect(fake.sheet('Identification').validations.B8).toBeUndefined();
      expect(fake.cell('_meta', 'B5')?.value).toBe(period);
      if (period === '2023')
        expect(fake.cell('Indicateurs', 'E2')?.value).toBe(fw.indicators[0]!.periodTargets['2023']![COMMUNE]);
      else
        expect(fake.cell('Indicateurs', 'E2')).toMatchObject({
          value: UNDEFINED_TARGET_TEXT,
          font: { italic: true, color: '#808080' },
        });
    },
  );
});
