import type { Package } from './charts';
import { END, OPEN, Scanner } from '../xml/scanner';
import { escapeText } from '../xml/escape';

/**
 * Sets the document's company (docProps/app.xml), which exceljs' streaming writer leaves empty. The
 * `<Company>` element is found by the shared XML scanner, whatever its prefix, attributes or content
 * (CDATA, comments), and replaced whole; the rest of the part is left byte for byte. A part without
 * one is left alone.
 */
export async function setCompany(pkg: Package, company: string): Promise<void> {
  if (!pkg.has('docProps/app.xml')) return;
  const xml = await pkg.read('docProps/app.xml');
  const sc = new Scanner(xml);
  for (let kind = sc.next(); kind !== END; kind = sc.next()) {
    if (kind !== OPEN || sc.depth() !== 2 || sc.qname.slice(sc.qname.indexOf(':') + 1) !== 'Company') continue;
    const { qname, tagFrom: from } = sc;
    sc.skip();
    const to = sc.tagTo;
    pkg.write('docProps/app.xml', `${xml.slice(0, from)}<${qname}>${escapeText(company)}</${qname}>${xml.slice(to)}`);
    return;
  }
}
