/**
 * The package edits after a merge (tab order, company) and the recognition of the merge's own output
 * read their XML with the reader's scanner (pipeline/xml/scanner.ts), not with regular expressions: a
 * namespace prefix, single quotes, a `>` inside an attribute value, CDATA or a comment no longer
 * mislead them. Real packages are written, edited and read back.
 */
import JSZip from 'jszip';
import { editPackage, type Package } from '../../pipeline/write/charts';
import { setCompany } from '../../pipeline/write/doc-props';
import { reorderSheets } from '../../pipeline/write/sheet-order';
import { isConsolidatedWorkbook } from '../../pipeline/read/own-output';
import { OUTPUT_CREATOR, OUTPUT_LAST_MODIFIED_BY, OUTPUT_SHEETS } from '../../pipeline/write/consolidated/labels';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const EP = 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties';
const VT = 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Writes a zip with these parts, edits it, and returns the edited parts' text. */
async function edited(
  parts: Record<string, string>,
  edit: (pkg: Package) => Promise<void>,
): Promise<(name: string) => Promise<string>> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(parts)) zip.file(name, text);
  const out = await JSZip.loadAsync(await editPackage(await zip.generateAsync({ type: 'nodebuffer' }), edit));
  return (name) => out.file(name)!.async('string');
}

test('tab order: a prefixed SpreadsheetML namespace, single quotes, a `>` in a sheet name, CDATA in the titles', async () => {
  const workbook =
    `${DECL}<x:workbook xmlns:x="${MAIN}" xmlns:r="${R}"><x:sheets>` +
    `<x:sheet name='Détail > communes' sheetId='1' r:id='rId1'/><x:sheet sheetId="2" r:id="rId2" name="Synthèse"></x:sheet>` +
    `</x:sheets><x:definedNames><x:definedName name="_xlnm.Print_Titles" localSheetId='0'>'Détail &gt; communes'!$1:$1</x:definedName></x:definedNames></x:workbook>`;
  const app =
    `${DECL}<Properties xmlns="${EP}" xmlns:vt="${VT}"><TitlesOfParts><vt:vector size="2" baseType="lpstr">` +
    `<vt:lpstr><![CDATA[Détail > communes]]></vt:lpstr><vt:lpstr>Synth&#232;se</vt:lpstr></vt:vector></TitlesOfParts></Properties>`;
  const read = await edited({ 'xl/workbook.xml': workbook, 'docProps/app.xml': app }, (pkg) =>
    reorderSheets(pkg, ['Synthèse', 'Détail > communes']),
  );
  expect(await read('xl/workbook.xml')).toBe(
    `${DECL}<x:workbook xmlns:x="${MAIN}" xmlns:r="${R}"><x:sheets>` +
      `<x:sheet sheetId="2" r:id="rId2" name="Synthèse"></x:sheet><x:sheet name='Détail > communes' sheetId='1' r:id='rId1'/>` +
      `</x:sheets><x:definedNames><x:definedName name="_xlnm.Print_Titles" localSheetId='1'>'Détail &gt; communes'!$1:$1</x:definedName></x:definedNames></x:workbook>`,
  );
  expect(await read('docProps/app.xml')).toBe(
    `${DECL}<Properties xmlns="${EP}" xmlns:vt="${VT}"><TitlesOfParts><vt:vector size="2" baseType="lpstr">` +
      `<vt:lpstr>Synth&#232;se</vt:lpstr><vt:lpstr><![CDATA[Détail > communes]]></vt:lpstr></vt:vector></TitlesOfParts></Properties>`,
  );
});

test('tab order: a <sheets> mentioned in a comment is not the one moved', async () => {
  const workbook =
    `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><!-- <sheets><sheet name="Z"/></sheets> -->` +
    `<sheets><sheet name="B" sheetId="1" r:id="rId1"/><sheet name="A" sheetId="2" r:id="rId2"/></sheets></workbook>`;
  const read = await edited({ 'xl/workbook.xml': workbook }, (pkg) => reorderSheets(pkg, ['A', 'B']));
  expect(await read('xl/workbook.xml')).toBe(
    `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><!-- <sheets><sheet name="Z"/></sheets> -->` +
      `<sheets><sheet name="A" sheetId="2" r:id="rId2"/><sheet name="B" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
});

test('company: the real <Company> is set, not one inside a comment, whatever its attributes', async () => {
  const app = `${DECL}<Properties xmlns="${EP}"><!-- <Company/> --><Company xml:space="preserve"> </Company><Manager>M &amp; E</Manager></Properties>`;
  const read = await edited({ 'docProps/app.xml': app }, (pkg) =>
    setCompany(pkg, 'Plan International Mali & <partenaires>'),
  );
  expect(await read('docProps/app.xml')).toBe(
    `${DECL}<Properties xmlns="${EP}"><!-- <Company/> --><Company>Plan International Mali &amp; &lt;partenaires&gt;</Company><Manager>M &amp; E</Manager></Properties>`,
  );
});

test('company: an empty <Company/> (what exceljs writes) is filled, a prefixed one keeps its prefix', async () => {
  let read = await edited({ 'docProps/app.xml': `${DECL}<Properties xmlns="${EP}"><Company/></Properties>` }, (pkg) =>
    setCompany(pkg, 'Plan'),
  );
  expect(await read('docProps/app.xml')).toBe(`${DECL}<Properties xmlns="${EP}"><Company>Plan</Company></Properties>`);
  read = await edited(
    { 'docProps/app.xml': `${DECL}<ep:Properties xmlns:ep="${EP}"><ep:Company></ep:Company></ep:Properties>` },
    (pkg) => setCompany(pkg, 'Plan'),
  );
  expect(await read('docProps/app.xml')).toBe(
    `${DECL}<ep:Properties xmlns:ep="${EP}"><ep:Company>Plan</ep:Company></ep:Properties>`,
  );
});

const CORE_NS =
  'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"';
const sheetsXml = (names: string[], quote = '"') =>
  `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets>${names.map((n, i) => `<sheet name=${quote}${n}${quote} sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
const parts = (core: string, workbook: string) =>
  new Map([
    ['docProps/core.xml', Buffer.from(core)],
    ['xl/workbook.xml', Buffer.from(workbook)],
  ]);

test('own output: a creator in CDATA, sheet names in single quotes, other prefixes are still recognised', () => {
  const names = Object.values(OUTPUT_SHEETS);
  const core = `${DECL}<cp:coreProperties ${CORE_NS}><dc:creator><![CDATA[${OUTPUT_CREATOR}]]></dc:creator></cp:coreProperties>`;
  expect(isConsolidatedWorkbook(parts(core, sheetsXml(names, "'")))).toBe(true);
  const otherPrefixes = `${DECL}<p:coreProperties xmlns:p="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:e="http://purl.org/dc/elements/1.1/"><p:lastModifiedBy>${OUTPUT_LAST_MODIFIED_BY}</p:lastModifiedBy></p:coreProperties>`;
  expect(isConsolidatedWorkbook(parts(otherPrefixes, sheetsXml(names)))).toBe(true);
});

test('own output: names in a comment or an unreadable creator do not make a commune workbook ours', () => {
  const names = Object.values(OUTPUT_SHEETS);
  const core = `${DECL}<cp:coreProperties ${CORE_NS}><dc:creator>${OUTPUT_CREATOR}</dc:creator></cp:coreProperties>`;
  const commented = `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><!-- ${names.map((n) => `<sheet name="${n}" sheetId="9"/>`).join('')} --><sheets><sheet name="Gao" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  expect(isConsolidatedWorkbook(parts(core, commented))).toBe(false);
  const unreadable = `${DECL}<cp:coreProperties ${CORE_NS}><dc:creator>${OUTPUT_CREATOR}&bogus;</dc:creator></cp:coreProperties>`;
  expect(isConsolidatedWorkbook(parts(unreadable, sheetsXml(names)))).toBe(false);
  // Unchanged: the tool's own output, as it writes it, is recognised.
  expect(isConsolidatedWorkbook(parts(core, sheetsXml(names)))).toBe(true);
});
