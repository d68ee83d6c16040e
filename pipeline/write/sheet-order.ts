import type { Package } from './charts';

/**
 * Puts the sheets of a written package in the given order (tab order), keeping each sheet's part.
 * A streamed workbook must write its sheets in the order they are created, and `Synthèse`, which
 * refers to all the others, is written last; this moves it back to the front. The sheet-local
 * defined names (print titles) follow their sheet, and so do the document's list of sheet names.
 */
export async function reorderSheets(pkg: Package, order: readonly string[]): Promise<void> {
  const workbookXml = await pkg.read('xl/workbook.xml');
  const sheetsMatch = /<sheets>([\s\S]*?)<\/sheets>/.exec(workbookXml);
  if (!sheetsMatch) throw new Error('xl/workbook.xml has no <sheets>');
  const elements = sheetsMatch[1]!.match(/<sheet\b[^>]*\/>/g) ?? [];
  const nameOf = (element: string) => decode(/\bname="([^"]*)"/.exec(element)?.[1] ?? '');
  const names = elements.map(nameOf);
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i < 0 ? order.length + names.indexOf(name) : i;
  };
  const sorted = [...names].sort((a, b) => rank(a) - rank(b));
  if (sorted.every((name, i) => name === names[i])) return;
  const newIndex = new Map(names.map((name, oldIndex) => [oldIndex, sorted.indexOf(name)]));
  const reordered = sorted.map((name) => elements[names.indexOf(name)]!).join('');
  let xml = workbookXml.replace(sheetsMatch[0], `<sheets>${reordered}</sheets>`);
  xml = xml.replace(/(<definedName\b[^>]*\blocalSheetId=")(\d+)(")/g, (_m, head: string, id: string, tail: string) => `${head}${newIndex.get(Number(id)) ?? id}${tail}`);
  pkg.write('xl/workbook.xml', xml);

  if (pkg.has('docProps/app.xml')) {
    const app = await pkg.read('docProps/app.xml');
    const titles = /(<TitlesOfParts>\s*<vt:vector\b[^>]*>)([\s\S]*?)(<\/vt:vector>)/.exec(app);
    if (titles) {
      const parts = titles[2]!.match(/<vt:lpstr>[\s\S]*?<\/vt:lpstr>/g) ?? [];
      const text = (p: string) => decode(p.replace(/<\/?vt:lpstr>/g, ''));
      const ordered = [...parts].sort((a, b) => rank(text(a)) - rank(text(b)));
      pkg.write('docProps/app.xml', app.replace(titles[0], `${titles[1]}${ordered.join('')}${titles[3]}`));
    }
  }
}

function decode(text: string): string {
  return text.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
