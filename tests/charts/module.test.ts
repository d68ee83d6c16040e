/**
 * The chart module on its own, on a small exceljs workbook that already has an image, a table, conditional
 * formatting (with its extLst) and print settings: the charts join the sheet's existing drawing, every
 * relationship and content type is in place, the worksheet's elements stay in schema order, each chart
 * carries its cached values, and exceljs still reads the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { addChartsToFile, addChartsToPackage, exceljsCells, type ChartSpec } from '../../pipeline/write/charts';
import { tempDir } from '../fixtures/workbooks';
import {
  chartsOfSheet,
  elements,
  openPackage,
  packageProblems,
  refCells,
  relsOf,
  sheetCells,
  sheetParts,
  type Pkg,
} from './helpers/package';
import { parseXml, walk, type XmlElement } from '../helpers/xml';
import { wellFormedProblems } from './helpers/well-formed';

const tmp = tempDir('charts-module');
afterAll(() => tmp.remove());

const DATA = "Suivi d'Ansongo";
const EMPTY = 'Vide';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const r = (range: string, sheet = DATA) => ({ sheet, range });

/** A workbook with an image, a table, conditional formats and print settings on the data sheet. */
async function sampleWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(DATA);
  ws.addTable({
    name: 'Suivi',
    ref: 'A1',
    columns: [{ name: 'Résultat' }, { name: 'Taux' }, { name: 'Cible' }, { name: 'Prévu' }, { name: 'Dépensé' }],
    rows: [
      ['R1 <&> « un »', 1.05, 1, 1000, 900],
      ['R2', 0.85, 1, 2000, 1500],
      ['Bara (non reçu)', null, 1, 3000, null],
      ['R4', 0.4, 1, 4000, 1000],
    ],
  });
  // Cached formula results, as the consolidation writes them.
  ws.getCell('B3').value = { formula: 'C3*0.85', result: 0.85 };
  ws.addImage(wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' }), 'H2:I4');
  ws.addConditionalFormatting({
    ref: 'B2:B5',
    rules: [
      {
        type: 'expression',
        formulae: ['B2>=1'],
        priority: 1,
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } } },
      },
      {
        type: 'dataBar',
        priority: 2,
        cfvo: [
          { type: 'num', value: 0 },
          { type: 'num', value: 1.5 },
        ],
        color: { argb: 'FF5B9BD5' },
      } as ExcelJS.ConditionalFormattingRule,
    ],
  });
  ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  ws.headerFooter = { oddFooter: '&LPied &P' };
  wb.addWorksheet(EMPTY).getCell('A1').value = 'Graphiques';
  await wb.xlsx.writeFile(file);
  return wb;
}

const CHARTS: ChartSpec[] = [
  {
    sheet: DATA,
    anchor: { from: { cell: 'A8', dx: 4, dy: 2 }, size: { width: 480, height: 300 } },
    type: 'column',
    title: 'Taux par résultat',
    overlap: 100,
    categoryAxis: { title: 'Résultat' },
    valueAxis: { title: 'Taux', numberFormat: '0 %', min: 0 },
    series: [
      {
        name: r('B1'),
        categories: r('A2:A5'),
        values: r('B2:B5'),
        colour: 'FF70AD47',
        dataLabels: { numberFormat: '0 %;;;' },
      },
      {
        name: { text: 'Cible 100 %' },
        categories: r('A2:A5'),
        values: r('C2:C5'),
        colour: '404040',
        kind: 'line',
        line: { dash: 'dash' },
      },
    ],
  },
  {
    sheet: DATA,
    anchor: { from: { cell: 'H8' }, to: { cell: 'P24' } },
    type: 'column',
    title: 'Budget',
    valueAxis: { title: 'FCFA' },
    secondaryAxis: { title: 'Taux', numberFormat: '0 %', min: 0 },
    series: [
      { name: r('D1'), categories: r('A2:A5'), values: r('D2:D5'), colour: 'A6A6A6' },
      { name: r('E1'), categories: r('A2:A5'), values: r('E2:E5'), colour: '1F4E78' },
      {
        name: r('B1'),
        categories: r('A2:A5'),
        values: r('B2:B5'),
        colour: '404040',
        kind: 'line',
        axis: 'secondary',
        line: { hidden: true, marker: 'circle' },
        pointColours: ['70AD47', 'FFC000', null, 'C00000'],
        dataLabels: { position: 't' },
      },
    ],
  },
  {
    sheet: EMPTY,
    anchor: { from: { cell: 'B3' }, size: { width: 400, height: 260 } },
    type: 'column',
    grouping: 'stacked',
    title: 'Empilé',
    legend: 'right',
    series: [
      { name: r('D1'), categories: r('A2:A5'), values: r('D2:D5'), colour: 'C55A11' },
      { name: r('E1'), categories: r('A2:A5'), values: r('E2:E5'), colour: '1F4E78' },
    ],
  },
  {
    sheet: EMPTY,
    anchor: { from: { cell: 'B20' }, size: { width: 400, height: 260 } },
    type: 'bar',
    legend: 'none',
    language: 'en-GB',
    series: [{ name: r('D1'), categories: r('A2:A5'), values: r('D2:D5'), colour: '5B9BD5' }],
  },
];

describe('charts added to a workbook with an image, a table and conditional formatting', () => {
  const file = path.join(tmp.dir, 'sample.xlsx');
  let pkg: Pkg;
  let before: Pkg;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    workbook = await sampleWorkbook(file);
    before = await openPackage(file);
    await addChartsToFile(file, CHARTS, exceljsCells(workbook));
    pkg = await openPackage(file);
  });

  test('the package is valid: well-formed parts, content types, relationship targets', async () => {
    expect(await packageProblems(pkg)).toEqual([]);
  });

  test('four chart parts, each declared with the chart content type', async () => {
    const charts = pkg.parts.filter((p) => p.startsWith('xl/charts/')).sort();
    expect(charts).toEqual([
      'xl/charts/chart1.xml',
      'xl/charts/chart2.xml',
      'xl/charts/chart3.xml',
      'xl/charts/chart4.xml',
    ]);
    const overrides = new Map(
      elements(await pkg.text('[Content_Types].xml'), 'Override').map((a) => [a.get('PartName'), a.get('ContentType')]),
    );
    for (const c of charts)
      expect(overrides.get(`/${c}`)).toBe('application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
  });

  test('the sheet with the image keeps one drawing: the picture, then the two charts, ids unique', async () => {
    const part = (await sheetParts(pkg)).get(DATA)!;
    const drawings = (await relsOf(pkg, part)).filter((rel) => rel.type === 'drawing');
    expect(drawings).toHaveLength(1);
    const xml = await pkg.text(drawings[0]!.target);
    expect(elements(xml, 'pic')).toHaveLength(1);
    expect(elements(xml, 'graphicFrame')).toHaveLength(2);
    const ids = elements(xml, 'cNvPr').map((a) => a.get('id'));
    expect(new Set(ids).size).toBe(ids.length);
    const rels = await relsOf(pkg, drawings[0]!.target);
    expect(rels.map((rel) => rel.type)).toEqual(['image', 'chart', 'chart']);
    expect(new Set(rels.map((rel) => rel.id)).size).toBe(3);
    // The image is untouched.
    expect(await pkg.zip.file('xl/media/image1.png')!.async('nodebuffer')).toEqual(PNG);
  });

  test('anchors: a fixed-size chart (oneCellAnchor with its offsets) and a cell-to-cell one (twoCellAnchor)', async () => {
    const part = (await sheetParts(pkg)).get(DATA)!;
    const drawing = (await relsOf(pkg, part)).find((rel) => rel.type === 'drawing')!.target;
    const xml = await pkg.text(drawing);
    const one = /<xdr:oneCellAnchor>([\s\S]*?)<\/xdr:oneCellAnchor>/.exec(xml)![1]!;
    expect(one).toContain(
      '<xdr:from><xdr:col>0</xdr:col><xdr:colOff>38100</xdr:colOff><xdr:row>7</xdr:row><xdr:rowOff>19050</xdr:rowOff></xdr:from>',
    );
    expect(one).toContain('<xdr:ext cx="4572000" cy="2857500"/>');
    const two = [...xml.matchAll(/<xdr:twoCellAnchor[^>]*>([\s\S]*?)<\/xdr:twoCellAnchor>/g)]
      .map((m) => m[1]!)
      .find((a) => a.includes('graphicFrame'))!;
    expect(two).toContain('<xdr:to><xdr:col>15</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>23</xdr:row>');
  });

  test('the worksheet keeps its elements in schema order: <drawing> after pageSetup/headerFooter, before tableParts and extLst', async () => {
    const xml = await pkg.text((await sheetParts(pkg)).get(DATA)!);
    const original = await before.text((await sheetParts(before)).get(DATA)!);
    expect(xml).toBe(original); // exceljs already linked its drawing: the sheet is not touched
    const at = (tag: string) => xml.indexOf(tag);
    expect(xml.match(/<drawing /g)).toHaveLength(1);
    expect(at('<pageSetup')).toBeLessThan(at('<drawing '));
    expect(at('<headerFooter')).toBeLessThan(at('<drawing '));
    expect(at('<drawing ')).toBeLessThan(at('<tableParts'));
    expect(at('<tableParts')).toBeLessThan(xml.lastIndexOf('<extLst>'));
  });

  test('a sheet without a drawing gets one, linked by a new <drawing r:id> placed before its extLst or at its end', async () => {
    const part = (await sheetParts(pkg)).get(EMPTY)!;
    const rels = await relsOf(pkg, part);
    expect(rels).toHaveLength(1);
    expect(rels[0]!.type).toBe('drawing');
    const xml = await pkg.text(part);
    const drawing = elements(xml, 'drawing');
    expect(drawing).toHaveLength(1);
    expect(drawing[0]!.get('r:id')).toBe(rels[0]!.id);
    expect(xml.indexOf('<drawing ')).toBeGreaterThan(xml.indexOf('<pageMargins'));
    expect(xml.indexOf('<drawing ')).toBeLessThan(xml.indexOf('</worksheet>'));
    expect(elements(await pkg.text(rels[0]!.target), 'graphicFrame')).toHaveLength(2);
    const overrides = elements(await pkg.text('[Content_Types].xml'), 'Override').map((a) => a.get('PartName'));
    expect(overrides).toContain(`/${rels[0]!.target}`);
  });

  test('series reference the cells (sheet name quoted) and cache their values; an empty cell is a gap, not 0', async () => {
    const [rates, budget] = await chartsOfSheet(pkg, DATA);
    const bars = rates!.series[0]!;
    expect(bars.catRef).toBe("'Suivi d''Ansongo'!$A$2:$A$5");
    expect(bars.valRef).toBe("'Suivi d''Ansongo'!$B$2:$B$5");
    expect(bars.nameRef).toBe("'Suivi d''Ansongo'!$B$1");
    expect(bars.nameCache).toEqual(['Taux']);
    expect([...bars.catCache.values()]).toEqual(['R1 <&> « un »', 'R2', 'Bara (non reçu)', 'R4']);
    expect(bars.ptCount).toBe(4);
    expect([...bars.valCache]).toEqual([
      [0, 1.05],
      [1, 0.85], // the formula's cached result
      [3, 0.4],
    ]);
    expect(bars.colour).toBe('70AD47');
    expect(rates!.series[1]!.kind).toBe('line');
    expect(rates!.series[1]!.nameRef).toBeNull();
    expect(rates!.xml).toContain('<c:tx><c:v>Cible 100 %</c:v></c:tx>');
    expect(rates!.xml).toContain('<a:prstDash val="dash"/>');
    expect(budget!.series.map((s) => [s.kind, s.colour])).toEqual([
      ['bar', 'A6A6A6'],
      ['bar', '1F4E78'],
      ['line', null], // markers only: no line colour
    ]);
  });

  test('titles, axis titles, number formats and the overlap are written', async () => {
    const [rates] = await chartsOfSheet(pkg, DATA);
    expect(rates!.title).toBe('Taux par résultat');
    expect(rates!.axisTitles).toEqual(['Résultat', 'Taux']);
    expect(rates!.xml).toContain('<c:numFmt formatCode="0 %" sourceLinked="0"/>');
    expect(rates!.xml).toContain('<c:overlap val="100"/>');
    expect(rates!.xml).toContain('<c:min val="0"/>');
    expect(rates!.xml).toContain('<c:dispBlanksAs val="gap"/>');
  });

  test('a combination chart: bars on the primary axes, the line on a secondary value axis crossing at the maximum', async () => {
    const [, budget] = await chartsOfSheet(pkg, DATA);
    const chart = walk(parseXml(budget!.xml));
    /** The `val` of the child `name` of `element`, null when there is no such child. */
    const val = (element: XmlElement, name: string) =>
      element.children.find((c) => c.name === name)?.attributes['val'] ?? null;
    const axIds = (element: XmlElement) =>
      element.children.filter((c) => c.name === 'c:axId').map((c) => c.attributes['val']);
    const [barCat, barVal] = axIds(chart.find((e) => e.name === 'c:barChart')!);
    const [lineCat, lineVal] = axIds(chart.find((e) => e.name === 'c:lineChart')!);
    expect(new Set([barCat, barVal, lineCat, lineVal]).size).toBe(4);
    const valAx = chart.filter((e) => e.name === 'c:valAx');
    expect(valAx).toHaveLength(2);
    const secondary = valAx.find((a) => val(a, 'c:axId') === lineVal)!;
    expect(val(secondary, 'c:crosses')).toBe('max');
    expect(val(secondary, 'c:axPos')).toBe('r');
    const secondaryCat = chart.filter((e) => e.name === 'c:catAx').find((a) => val(a, 'c:axId') === lineCat)!;
    expect(val(secondaryCat, 'c:delete')).toBe('1');
    // The per-point colours: three markers coloured, the empty one left alone.
    const markers = chart
      .filter((e) => e.name === 'c:dPt')
      .map((dPt) => ({ idx: val(dPt, 'c:idx'), marker: dPt.children.find((c) => c.name === 'c:marker') }))
      .filter(({ marker }) => marker && val(marker, 'c:symbol') === 'circle' && val(marker, 'c:size') === '7');
    expect(
      markers.map(({ idx, marker }) => [idx, walk(marker!).find((e) => e.name === 'a:srgbClr')?.attributes['val']]),
    ).toEqual([
      ['0', '70AD47'],
      ['1', 'FFC000'],
      ['3', 'C00000'],
    ]);
  });

  test('stacked and horizontal bars; charts on one sheet may read another sheet', async () => {
    const [stacked, horizontal] = await chartsOfSheet(pkg, EMPTY);
    expect(stacked!.xml).toContain('<c:grouping val="stacked"/>');
    expect(stacked!.xml).toContain('<c:overlap val="100"/>');
    expect(stacked!.xml).toContain('<c:legendPos val="r"/>');
    expect(stacked!.series[0]!.valRef).toBe("'Suivi d''Ansongo'!$D$2:$D$5");
    expect(horizontal!.xml).toContain('<c:barDir val="bar"/>');
    expect(horizontal!.xml).toContain('<c:lang val="en-GB"/>');
    expect(horizontal!.xml).not.toContain('<c:legend>');
    expect(horizontal!.xml).toContain('<c:autoTitleDeleted val="1"/>');
  });

  test('every range points at cells of the named sheet, and every cached value is the cell’s', async () => {
    const sheets = await sheetParts(pkg);
    for (const sheet of [DATA, EMPTY]) {
      for (const chart of await chartsOfSheet(pkg, sheet)) {
        for (const s of chart.series) {
          for (const [ref, cache] of [
            [s.catRef, s.catCache],
            [s.valRef, s.valCache],
          ] as const) {
            const { sheet: target, cells } = refCells(ref);
            const values = await sheetCells(pkg, sheets.get(target)!);
            cells.forEach((address, idx) => {
              const cell = values.get(address);
              if (cache.has(idx)) expect([ref, idx, cell?.value]).toEqual([ref, idx, cache.get(idx)]);
              else expect([ref, address, cell?.value ?? '']).toEqual([ref, address, '']);
            });
          }
        }
      }
    }
  });

  test('exceljs still reads the workbook: its image, table, conditional formats and values', async () => {
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const ws = back.getWorksheet(DATA)!;
    expect(ws.getImages()).toHaveLength(1);
    expect(ws.getTables()).toHaveLength(1);
    expect((ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings).toHaveLength(1);
    expect(ws.getCell('A5').value).toBe('R4');
    expect(back.getWorksheet(EMPTY)!.getCell('A1').value).toBe('Graphiques');
  });

  test('adding charts again continues the numbering, in the same drawing, still valid', async () => {
    const again = await addChartsToPackage(readFileSync(file), [CHARTS[0]!], exceljsCells(workbook));
    const p = await openPackage(again);
    expect(await packageProblems(p)).toEqual([]);
    expect(p.parts).toContain('xl/charts/chart5.xml');
    const part = (await sheetParts(p)).get(DATA)!;
    const drawings = (await relsOf(p, part)).filter((rel) => rel.type === 'drawing');
    expect(drawings).toHaveLength(1);
    const xml = await p.text(drawings[0]!.target);
    expect(elements(xml, 'graphicFrame')).toHaveLength(3);
    expect(new Set(elements(xml, 'cNvPr').map((a) => a.get('id'))).size).toBe(4);
  });
});

describe('the charts’ own XML', () => {
  test('every chart part is well-formed on its own, with texts escaped', async () => {
    const file = path.join(tmp.dir, 'escape.xlsx');
    const wb = await sampleWorkbook(file);
    const spec: ChartSpec = { ...CHARTS[0]!, title: 'A & B < C > « D » "E" \'F\'', categoryAxis: { title: '<&>' } };
    const p = await openPackage(await addChartsToPackage(readFileSync(file), [spec], exceljsCells(wb)));
    const xml = await p.text('xl/charts/chart1.xml');
    expect(wellFormedProblems(xml)).toEqual([]);
    expect(xml).toContain('<a:t>A &amp; B &lt; C &gt; « D » "E" \'F\'</a:t>');
  });
});

describe('refusals: nothing is written for an invalid chart', () => {
  let file: string;
  let wb: ExcelJS.Workbook;
  let bytes: Buffer;
  beforeAll(async () => {
    file = path.join(tmp.dir, 'refusals.xlsx');
    wb = await sampleWorkbook(file);
    bytes = readFileSync(file);
  });
  afterEach(() => writeFileSync(file, bytes));

  const base = CHARTS[0]!;
  test.each<[string, ChartSpec, RegExp]>([
    ['an unknown sheet', { ...base, sheet: 'Nulle part' }, /no sheet « Nulle part »/],
    [
      'a range on an unknown sheet',
      { ...base, series: [{ ...base.series[0]!, values: r('B2:B5', 'Ailleurs') }] },
      /no sheet « Ailleurs »/,
    ],
    [
      'values and categories of different lengths',
      { ...base, series: [{ ...base.series[0]!, values: r('B2:B4') }] },
      /differ in length/,
    ],
    [
      'a two-dimensional range',
      { ...base, series: [{ ...base.series[0]!, values: r('B2:C5') }] },
      /one row or one column/,
    ],
    [
      'a label position bars cannot take',
      { ...base, grouping: 'stacked', series: [{ ...base.series[0]!, dataLabels: { position: 'outEnd' } }] },
      /not allowed on a stacked series/,
    ],
    ['a line over horizontal bars', { ...base, type: 'bar' }, /cannot be combined with horizontal bars/],
    ['a bad colour', { ...base, series: [{ ...base.series[0]!, colour: 'vert' }] }, /not a colour/],
    [
      'a name of several cells',
      { ...base, series: [{ ...base.series[0]!, name: r('A1:B1') }] },
      /a series name is one cell/,
    ],
    ['no series', { ...base, series: [] }, /no series/],
  ])('%s', async (_what, spec, message) => {
    await expect(addChartsToFile(file, [spec], exceljsCells(wb))).rejects.toThrow(message);
    expect(readFileSync(file)).toEqual(bytes);
  });
});
