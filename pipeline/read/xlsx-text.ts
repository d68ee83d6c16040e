/** Text rules of cell values. */

/** exceljs' utils.xmlDecode (which exceljs applies a second time to `t="str"` text and sheet names): kept for the tests that compare with exceljs. */
export function xmlDecodeTwice(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return c;
    }
  });
}

/** `_xHHHH_` escapes of shared and inline strings (either case of hex, as openpyxl reads them). */
export function unescapeX(text: string): string {
  return text.indexOf('_x') < 0
    ? text
    : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
