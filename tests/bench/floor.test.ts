import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { floorScan } from '../../pipeline/bench/floor';
import { tempDir } from '../fixtures/workbooks';

const tmp = tempDir('floor');
afterAll(() => tmp.remove());

test('the floor unzips every input and counts the cells of its sheets', async () => {
  const files: string[] = [];
  for (const [name, rows, columns] of [
    ['a', 3, 4],
    ['b', 5, 2],
  ] as const) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Feuille');
    for (let r = 1; r <= rows; r++) for (let c = 1; c <= columns; c++) ws.getCell(r, c).value = r * c;
    wb.addWorksheet('Autre').getCell('B2').value = 'texte';
    const file = path.join(tmp.dir, `${name}.xlsx`);
    await wb.xlsx.writeFile(file);
    files.push(file);
  }
  // Not a zip: read, counted in bytes, no cells.
  const broken = path.join(tmp.dir, 'broken.xlsx');
  writeFileSync(broken, 'not a zip');
  files.push(broken);
  const { cells, bytes } = await floorScan(files);
  expect(cells).toBe(3 * 4 + 1 + 5 * 2 + 1);
  expect(bytes).toBe(files.reduce((sum, f) => sum + statSync(f).size, 0));
});
