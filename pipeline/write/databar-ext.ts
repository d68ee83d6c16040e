/**
 * exceljs' streaming writer gives each data bar rule an `<extLst>` pointing, through an empty
 * `<x14:id/>`, at an Excel 2010 extension it never writes. Excel may call that damage and offer a
 * repair. Without the dangling reference the rule is a plain data bar that every viewer draws.
 * A regular expression, not the XML scanner: it edits exceljs' own chunks as they are streamed, which
 * are fragments of a part, not documents; it is anchored on exceljs' exact bytes and linear.
 */
export const DANGLING_DATABAR_EXT =
  /<extLst><ext uri="\{B025F937-C7B1-47D3-B67F-A62EFF666E3E\}"[^>]*><x14:id\/><\/ext><\/extLst>/g;

interface StreamedSheet {
  stream?: { write: (chunk: unknown, ...rest: unknown[]) => unknown };
}

/**
 * Removes the dangling reference as the sheet is streamed: exceljs writes a sheet's conditional
 * formats as one string (rows go through as buffers, untouched), so the sheet is never read back.
 * Like `declareStreamedTable`, this relies on exceljs 4's streaming internals and fails loudly if
 * they change.
 */
export function dropDanglingDataBarExtensions(ws: unknown): void {
  const sheet = ws as StreamedSheet;
  const stream = sheet.stream;
  if (!stream || typeof stream.write !== 'function')
    throw new Error('exceljs streaming writer internals have changed: cannot clean the data bars');
  const write = stream.write.bind(stream);
  stream.write = (chunk: unknown, ...rest: unknown[]) =>
    write(typeof chunk === 'string' ? chunk.replace(DANGLING_DATABAR_EXT, '') : chunk, ...rest);
}
