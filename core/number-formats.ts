/**
 * Number formats and date serials, as a workbook stores them: shared by the pipeline's readers and
 * the add-in's, so that both call the same cells dates. Pure: no I/O, no host.
 */

/** Whether a number format shows dates or times (text in quotes and [brackets] is ignored). */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string' || format === '') return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** The built-in number formats (ECMA-376 §18.8.30), the ids with a format code. */
export const BUILTIN_NUMBER_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** A date serial → `YYYY-MM-DD`, or null when it is no representable date. */
export function serialToIso(serial: number, date1904: boolean): string | null {
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().slice(0, 10);
}
