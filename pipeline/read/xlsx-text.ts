/** Text rules of cell values, as exceljs applies them. */

/** exceljs' utils.xmlDecode, applied a second time to `t="str"` text and to sheet names. */
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

/** exceljs' TextXform: shared-string and rich-text runs unescape `_xHHHH_` (upper-case hex). */
export function unescapeX(text: string): string {
  return text.indexOf('_x') < 0 ? text : text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

