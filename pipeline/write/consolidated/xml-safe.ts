import type { Package } from '../charts';

/**
 * Characters XML 1.0 forbids: C0 controls other than tab, line feed and carriage return, U+FFFE,
 * U+FFFF and unpaired surrogates. One of them in a shared string makes openpyxl refuse the whole
 * workbook and LibreOffice drop every text after it.
 */

const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- the control characters are the point: XML 1.0 forbids them
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `_xHHHH_` in a cell's text is an escape in SpreadsheetML: Excel, LibreOffice and openpyxl read
 * `_xFFFF_` as U+FFFF (which openpyxl then refuses). A literal one is written as Excel writes it, its
 * underscore escaped: `_x005F_xFFFF_`.
 */
const ESCAPE_LOOKALIKE = /_(x[0-9A-Fa-f]{4}_)/g;

/** Text that any reader shows as written: forbidden characters removed, escape look-alikes escaped. */
export function xmlSafeText(text: string): string {
  return text.replace(XML_FORBIDDEN, '').replace(ESCAPE_LOOKALIKE, '_x005F_$1');
}

/**
 * The package's texts made valid, whatever the inputs held (comments, file names, CSV communes,
 * messages quoting cells). Every text cell of the streamed workbook is a shared string, so the shared
 * strings part is where the escapes are written; forbidden characters are removed from every XML part
 * but the worksheets, whose only texts besides shared strings are formula results (cleaned by
 * style.formula) and the framework's footer: reading a national `Données` back would cost a second.
 */
export async function makeXmlSafe(pkg: Package): Promise<void> {
  for (const part of pkg.parts()) {
    if (!/\.(xml|rels)$/.test(part) || part.startsWith('xl/worksheets/')) continue;
    const xml = await pkg.read(part);
    const clean =
      part === 'xl/sharedStrings.xml'
        ? escapeSharedStrings(xml.replace(XML_FORBIDDEN, ''))
        : xml.replace(XML_FORBIDDEN, '');
    if (clean !== xml) pkg.write(part, clean);
  }
}

/** Escapes look-alikes in the text of `<t>` elements only (never in tags or attributes). */
function escapeSharedStrings(xml: string): string {
  return xml.replace(
    /(<t(?:\s[^>]*)?>)([^<]*)(<\/t>)/g,
    (_, open: string, text: string, close: string) => `${open}${text.replace(ESCAPE_LOOKALIKE, '_x005F_$1')}${close}`,
  );
}
