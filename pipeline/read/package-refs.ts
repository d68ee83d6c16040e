import { END, OPEN, Scanner, XmlScanError } from '../xml/scanner';
/**
 * The parts of an OOXML package that a reader of cell values can reach: the package's and the
 * workbook's relationships, what they point at, and the relationships of those parts. A part that no
 * relationship names (200 stray `xl/worksheets/sheetN.xml` added to a small file) is never shown by
 * Excel, LibreOffice or openpyxl, which all follow relationships: it need not be inflated at all.
 */

/** Parts read whatever the relationships say: where Excel and the fast reader look first. */
export const ROOT_PARTS: readonly string[] = [
  '_rels/.rels',
  '[Content_Types].xml',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'docProps/core.xml',
];

/** The relationships part of `part`: `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The part a relationships part describes (`_rels/.rels` describes the package: ''). */
function sourceOf(rels: string): string {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(rels);
  return m ? m[1]! + m[2]! : '';
}

/** A target resolved as a part name (no leading slash): absolute from the package root, else from the source's folder. */
export function resolveTarget(rels: string, target: string): string {
  const source = sourceOf(rels);
  const base = target.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const segment of target.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') base.pop();
    else base.push(segment);
  }
  return base.join('/');
}

/**
 * The internal targets of a relationships part, resolved. Any namespace prefix (`ns0:Relationship`)
 * is accepted, as ElementTree-based writers use them; external targets (hyperlinks) are not parts.
 * Read with the shared XML scanner: linear whatever the part holds (a part it cannot read names no
 * target, and the reader then says why the workbook is unusable).
 */
export function relationshipTargets(rels: string, xml: string): string[] {
  const out: string[] = [];
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  try {
    const sc = new Scanner(xml);
    for (let k = sc.next(); k !== END; k = sc.next()) {
      if (k !== OPEN || local(sc.qname) !== 'Relationship') continue;
      const attrs: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(sc.attributes())) attrs[local(name)] = value;
      const target = attrs.Target;
      if (target === undefined || attrs.TargetMode === 'External') continue;
      out.push(resolveTarget(rels, target));
      // A part name is percent-encoded in a target (`%20`); the zip may store it either way.
      const decoded = tryDecode(target);
      if (decoded !== target) out.push(resolveTarget(rels, decoded));
    }
  } catch (err) {
    if (!(err instanceof XmlScanError)) throw err;
  }
  return out;
}

function tryDecode(target: string): string {
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}
