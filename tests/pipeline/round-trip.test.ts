/**
 * Clean round trip: an empty template from the generator, filled cell by cell with exceljs (not by
 * the generator), saved, read back and validated: no issue at all, for every commune.
 */
import path from 'node:path';
import { planTemplate } from '../../core/layout/plan';
import { validate } from '../../core/validate';
import { loadFrameworkFile } from '../../pipeline/framework-file';
import { readWorkbookFile } from '../../pipeline/read/xlsx';
import { writeTemplateFile } from '../../pipeline/templates';
import { fillTemplateWithExceljs, tempDir } from '../fixtures/workbooks';

const framework = loadFrameworkFile();
const tmp = tempDir('round-trip');
afterAll(() => tmp.remove());

test('the framework has the four communes of the project', () => {
  expect(framework.communes.map((c) => c.code)).toEqual(['GNZ', 'SAL', 'ANS', 'BAR']);
});

test.each(framework.communes.map((c) => [c.code] as const))(
  '%s: generate → fill with exceljs → validate gives no issue',
  async (code) => {
    const template = path.join(tmp.dir, `${code}.template.xlsx`);
    await writeTemplateFile(framework, planTemplate(framework, code), template);
    const empty = validate(await readWorkbookFile(template), framework);
    expect(empty.valid).toBe(false);
    expect(empty.stats.filled).toBe(0);

    const filled = path.join(tmp.dir, `${code}.xlsx`);
    await fillTemplateWithExceljs(framework, code, '2023', template, filled);
    const tables = await readWorkbookFile(filled);
    const report = validate(tables, framework);
    expect(report.issues).toEqual([]);
    expect(report).toMatchObject({ valid: true, commune: code, period: '2023' });
    expect(report.stats.filled).toBe(report.stats.inputs);

    // exceljs left the template's Total formulas with their stale cached result (never Femmes + Hommes):
    // the validator recomputes them and never trusts a cached value.
    const rows = tables.sheets.find((s) => s.name === 'Bénéficiaires')!.rows.slice(1);
    const formulas = rows.filter((r) => r[5]?.kind === 'formula');
    expect(formulas.length).toBeGreaterThan(0);
    for (const [, , , women, men, total] of formulas) {
      expect(typeof women?.value).toBe('number');
      expect(total?.value).not.toBe(Number(women?.value) + Number(men?.value));
    }
  },
);
