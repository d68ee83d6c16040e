import type { Package } from './charts';
import { CLOSE, END, OPEN, Scanner } from '../xml/scanner';

/**
 * Puts the sheets of a written package in the given order (tab order), keeping each sheet's part.
 * A streamed workbook must write its sheets in the order they are created, and `Synthèse`, which
 * refers to all the others, is written last; this moves it back to the front. The sheet-local
 * defined names (print titles) follow their sheet, and so do the document's list of sheet names.
 * Both parts are read with the shared XML scanner (any prefix, any quotes, any attribute order) and
 * edited in place: everything outside the moved elements and the changed `localSheetId` stays as it is.
 */
export async function reorderSheets(pkg: Package, order: readonly string[]): Promise<void> {
  const workbookXml = await pkg.read('xl/workbook.xml');
  const sheets = listChildren(workbookXml, ['workbook', 'sheets'], 'sheet', (sc) => sc.attr('name') ?? '');
  if (!sheets) throw new Error('xl/workbook.xml has no <sheets>');
  const names = sheets.children.map((c) => c.key);
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i < 0 ? order.length + names.indexOf(name) : i;
  };
  const sorted = [...sheets.children].sort((a, b) => rank(a.key) - rank(b.key));
  if (sorted.every((child, i) => child === sheets.children[i])) return;
  const newIndex = new Map(sheets.children.map((child, oldIndex) => [oldIndex, sorted.indexOf(child)]));
  const edits: Edit[] = [{ from: sheets.innerFrom, to: sheets.innerTo, text: sorted.map((c) => c.xml).join('') }];
  // `localSheetId` is the sheet's index in <sheets>: it follows its sheet.
  const sc = new Scanner(workbookXml);
  for (let kind = sc.next(); kind !== END; kind = sc.next()) {
    if (kind !== OPEN || localOf(sc.qname) !== 'definedName') continue;
    const range = sc.attrValueRange('localSheetId');
    const id = sc.attr('localSheetId');
    const moved = range && id !== undefined && /^\d+$/.test(id) ? newIndex.get(Number(id)) : undefined;
    if (range && moved !== undefined) edits.push({ from: range[0], to: range[1], text: String(moved) });
  }
  pkg.write('xl/workbook.xml', applyEdits(workbookXml, edits));

  if (pkg.has('docProps/app.xml')) {
    const app = await pkg.read('docProps/app.xml');
    const titles = listChildren(app, ['Properties', 'TitlesOfParts', 'vector'], 'lpstr', (sc) => sc.leafText());
    if (titles) {
      const ordered = [...titles.children].sort((a, b) => rank(a.key) - rank(b.key));
      pkg.write(
        'docProps/app.xml',
        applyEdits(app, [{ from: titles.innerFrom, to: titles.innerTo, text: ordered.map((c) => c.xml).join('') }]),
      );
    }
  }
}

interface Edit {
  from: number;
  to: number;
  text: string;
}

/** Replaces non-overlapping ranges of `xml`. */
function applyEdits(xml: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.from - b.from)) {
    out += xml.slice(at, e.from) + e.text;
    at = e.to;
  }
  return out + xml.slice(at);
}

const localOf = (qname: string) => qname.slice(qname.indexOf(':') + 1);

interface Child {
  key: string;
  /** The child element as written, start tag to end tag. */
  xml: string;
}

/**
 * The `local` children of the first element found along `path` (local names, from the root), with a
 * key read from each, and where the parent's content lies. Null when the path is not there.
 */
function listChildren(
  xml: string,
  path: readonly string[],
  local: string,
  keyOf: (sc: Scanner) => string,
): { children: Child[]; innerFrom: number; innerTo: number } | null {
  const sc = new Scanner(xml);
  let matched = 0;
  for (let kind = sc.next(); kind !== END; kind = sc.next()) {
    if (kind !== OPEN) continue;
    const depth = sc.depth();
    if (depth !== matched + 1) {
      sc.skip();
      continue;
    }
    if (localOf(sc.qname) !== path[matched]) {
      if (depth > 1) sc.skip();
      continue;
    }
    matched++;
    if (matched < path.length) continue;
    if (sc.selfClosing) return { children: [], innerFrom: sc.tagTo, innerTo: sc.tagTo };
    const innerFrom = sc.tagTo;
    const children: Child[] = [];
    for (kind = sc.next(); !(kind === CLOSE && sc.depth() === depth - 1); kind = sc.next()) {
      if (kind !== OPEN) continue;
      const from = sc.tagFrom;
      if (localOf(sc.qname) !== local || sc.depth() !== depth + 1) {
        sc.skip();
        continue;
      }
      const key = keyOf(sc);
      // Past the child's end: its CLOSE (which leafText may already have read).
      while (sc.depth() > depth) sc.next();
      children.push({ key, xml: xml.slice(from, sc.tagTo) });
    }
    return { children, innerFrom, innerTo: sc.tagFrom };
  }
  return null;
}
