/**
 * The chart module on packages exceljs would not write: a worksheet with a legacy drawing (comments), a
 * nested `<extLst>` inside a conditional format, no `xmlns:r` on its root, a prefixed SpreadsheetML
 * namespace, an empty relationships part, a drawing whose root uses other prefixes. The `<drawing>` goes
 * where the schema wants it, and every part stays well-formed with its namespaces bound.
 */
import JSZip from 'jszip';
import { addChartsToPackage, type CellSource, type ChartSpec } from '../../pipeline/write/charts';
import { elements, openPackage, packageProblems, type Pkg } from './helpers/package';
import { wellFormedProblems } from './helpers/well-formed';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A minimal package with one sheet « Feuille » whose XML (and extra parts) the test chooses. */
async function minimalPackage(
  sheetXml: string,
  extra: Record<string, string> = {},
  overrides: string[] = [],
): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${overrides.join('')}</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="Feuille" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  zip.file('xl/worksheets/sheet1.xml', sheetXml);
  for (const [name, text] of Object.entries(extra)) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const VALUES: Record<string, string | number> = { A1: 'Nom', B1: 'Valeur', A2: 'un', A3: 'deux', B2: 3, B3: 5 };
const cells: CellSource = { value: (_sheet, address) => VALUES[address] ?? null };
const CHART: ChartSpec = {
  sheet: 'Feuille',
  anchor: { from: { cell: 'D2' }, size: { width: 300, height: 200 } },
  type: 'column',
  title: 'Essai',
  series: [
    {
      name: { sheet: 'Feuille', range: 'B1' },
      categories: { sheet: 'Feuille', range: 'A2:A3' },
      values: { sheet: 'Feuille', range: 'B2:B3' },
      colour: '1F4E78',
    },
  ],
};

const SHEET_DATA =
  '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c><c r="B1" t="inlineStr"><is><t>Valeur</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>un</t></is></c><c r="B2"><v>3</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>deux</t></is></c><c r="B3"><v>5</v></c></row></sheetData>';

async function allWellFormed(pkg: Pkg): Promise<void> {
  expect(await packageProblems(pkg)).toEqual([]);
}

test('no xmlns:r, a nested extLst, a legacy drawing: <drawing> goes before <legacyDrawing>, the namespace is bound on the root', async () => {
  const sheet =
    `${DECL}<worksheet xmlns="${MAIN}">${SHEET_DATA}` +
    '<conditionalFormatting sqref="B2:B3"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar><extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}"/></extLst></cfRule></conditionalFormatting>' +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><headerFooter><oddFooter>&amp;P</oddFooter></headerFooter><legacyDrawing xmlns:rel="${R}" rel:id="rId9"/><extLst><ext uri="x"/></extLst></worksheet>`;
  const rels = `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="${R}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>`;
  const input = await minimalPackage(sheet, {
    'xl/worksheets/_rels/sheet1.xml.rels': rels,
    'xl/drawings/vmlDrawing1.vml': '<xml/>',
  });
  const pkg = await openPackage(await addChartsToPackage(input, [CHART], cells));
  await allWellFormed(pkg);
  const xml = await pkg.text('xl/worksheets/sheet1.xml');
  expect(xml).toMatch(
    /^<\?xml[^>]*\?>\n<worksheet xmlns="[^"]+" xmlns:r="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships">/,
  );
  const id = /<\/headerFooter><drawing r:id="(rId\d+)"\/><legacyDrawing /.exec(xml)?.[1];
  expect(id).toBeDefined();
  // The relationship id is new, next to the legacy drawing's.
  const written = elements(await pkg.text('xl/worksheets/_rels/sheet1.xml.rels'), 'Relationship');
  expect(written.map((a) => a.get('Id'))).toEqual(['rId9', id]);
  expect(written[1]!.get('Type')).toBe(`${R}/drawing`);
  // The extLst nested in the conditional format is left where it was; the top-level one stays last.
  expect(xml.indexOf('<extLst><ext uri="{B025F937')).toBeLessThan(xml.indexOf('<drawing '));
  expect(xml.lastIndexOf('<extLst>')).toBeGreaterThan(xml.indexOf('<legacyDrawing '));
});

test('a prefixed SpreadsheetML sheet whose rels part is empty: <x:drawing>, before the top-level extLst', async () => {
  const sheet = `${DECL}<x:worksheet xmlns:x="${MAIN}" xmlns:r="${R}">${SHEET_DATA.replace(/<(\/?)(sheetData|row|c|is|t|v)\b/g, '<$1x:$2')}<x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><x:extLst><x:ext uri="y"/></x:extLst></x:worksheet>`;
  const input = await minimalPackage(sheet, {
    'xl/worksheets/_rels/sheet1.xml.rels': `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`,
  });
  const pkg = await openPackage(await addChartsToPackage(input, [CHART], cells));
  await allWellFormed(pkg);
  const xml = await pkg.text('xl/worksheets/sheet1.xml');
  expect(xml).toContain(
    '<x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><x:drawing r:id="rId1"/><x:extLst>',
  );
  expect(await pkg.text('xl/worksheets/_rels/sheet1.xml.rels')).toContain(
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>',
  );
});

test('an existing drawing with other prefixes: the anchor declares its own, shape ids continue', async () => {
  const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
  const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
  const drawing = `${DECL}<wsDr xmlns="${XDR}" xmlns:d="${A}"><absoluteAnchor><pos x="0" y="0"/><ext cx="10" cy="10"/><sp macro="" textlink=""><nvSpPr><cNvPr id="7" name="Forme"/><cNvSpPr/></nvSpPr><spPr><d:prstGeom prst="rect"><d:avLst/></d:prstGeom></spPr></sp><clientData/></absoluteAnchor></wsDr>`;
  const sheet = `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}">${SHEET_DATA}<drawing r:id="rId1"/></worksheet>`;
  const input = await minimalPackage(
    sheet,
    {
      'xl/worksheets/_rels/sheet1.xml.rels': `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`,
      'xl/drawings/drawing1.xml': drawing,
    },
    [
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
    ],
  );
  const pkg = await openPackage(
    await addChartsToPackage(
      input,
      [CHART, { ...CHART, anchor: { from: { cell: 'D20' }, to: { cell: 'H30' } } }],
      cells,
    ),
  );
  await allWellFormed(pkg);
  expect(pkg.parts.filter((p) => p.startsWith('xl/drawings/') && p.endsWith('.xml'))).toEqual([
    'xl/drawings/drawing1.xml',
  ]);
  const xml = await pkg.text('xl/drawings/drawing1.xml');
  expect(wellFormedProblems(xml)).toEqual([]);
  // The root binds DrawingML to « d » and SpreadsheetDrawing to no prefix: the anchor binds « xdr » itself.
  expect(xml).toContain(`<xdr:oneCellAnchor xmlns:xdr="${XDR}">`);
  expect(xml).toContain(`<xdr:twoCellAnchor xmlns:xdr="${XDR}">`);
  expect(xml).toContain('<d:graphic><d:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">');
  expect(xml).not.toContain(`xmlns:a="${A}"`);
  expect(elements(xml, 'cNvPr').map((a) => a.get('id'))).toEqual(['7', '8', '9']);
  // The sheet is untouched: it already links its drawing.
  expect(await pkg.text('xl/worksheets/sheet1.xml')).toBe(sheet);
});

test('a cell source other than exceljs: the caches come from it', async () => {
  const input = await minimalPackage(`${DECL}<worksheet xmlns="${MAIN}">${SHEET_DATA}</worksheet>`);
  const pkg = await openPackage(await addChartsToPackage(input, [CHART], cells));
  const chart = await pkg.text('xl/charts/chart1.xml');
  expect(chart).toContain(
    '<c:f>\'Feuille\'!$B$2:$B$3</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="2"/><c:pt idx="0"><c:v>3</c:v></c:pt><c:pt idx="1"><c:v>5</c:v></c:pt></c:numCache>',
  );
  expect(chart).toContain('<c:pt idx="0"><c:v>un</c:v></c:pt><c:pt idx="1"><c:v>deux</c:v></c:pt>');
});
