import { createWriteStream, promises as fs } from 'node:fs';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { addChartsTo, editPackage, type CellSource, type CellValue, type ChartSpec } from '../charts';
import { columnLetter } from '../../../core/tables';
import { selectionLabel } from '../../../core/consolidate/model';
import { dropDanglingDataBarExtensions } from '../databar-ext';
import { setCompany } from '../doc-props';
import { reorderSheets } from '../sheet-order';
import { addTablePart } from '../table-part';
import type { WriteContext } from './context';
import { keepLongTexts, LongTexts } from './long-texts';
import { TIDY_HEADERS } from './data';
import { OUTPUT_CREATOR, OUTPUT_LAST_MODIFIED_BY, OUTPUT_SHEETS } from './labels';
import { specOf, STREAM_ORDER, type OutputSheetSpec, type Written } from './sheets';
import { drain, printSetup, shownValue } from './style';
import { makeXmlSafe } from './xml-safe';
import type { SynthesisMap } from './synthesis';

export interface WrittenWorkbook {
  synthesis: SynthesisMap;
  charts: ChartSpec[];
}

/**
 * A streamed worksheet writes its views and its fit-to-page flag as soon as it is created, so they
 * are given when it is created; the rest of its print setup is written when it is committed.
 */
function sheetOptions(spec: OutputSheetSpec): Partial<ExcelJS.AddWorksheetOptions> {
  const [rows, columns] = spec.frozen;
  const views: Partial<ExcelJS.WorksheetView>[] =
    rows + columns > 0
      ? [{ state: 'frozen', xSplit: columns, ySplit: rows, topLeftCell: `${columnLetter(columns + 1)}${rows + 1}` }]
      : [];
  return {
    views,
    pageSetup: { fitToPage: true, fitToWidth: 1, fitToHeight: 0, orientation: 'landscape', paperSize: 9 },
  };
}

/** What a sheet still in memory shows, kept before it is committed (the charts' cached values). */
function snapshot(ws: ExcelJS.Worksheet, lastRow: number): CellSource {
  const values = new Map<string, { value: CellValue; numFmt?: string }>();
  for (let r = 1; r <= lastRow; r++)
    ws.getRow(r).eachCell((cell) => {
      values.set(cell.address, { value: shownValue(cell), numFmt: cell.numFmt || undefined });
    });
  return {
    value: (sheet, address) => (sheet === ws.name ? (values.get(address)?.value ?? null) : null),
    numberFormat: (sheet, address) => (sheet === ws.name ? values.get(address)?.numFmt : undefined),
  };
}

/** Several sheets' kept values as one source: each answers for its own sheet. */
function allSheets(sources: readonly CellSource[]): CellSource {
  return {
    value: (sheet, address) => sources.reduce<CellValue>((found, s) => found ?? s.value(sheet, address), null),
    numberFormat: (sheet, address) =>
      sources.reduce<string | undefined>((found, s) => found ?? s.numberFormat?.(sheet, address), undefined),
  };
}

/**
 * Writes the consolidated workbook to `file`, sheets in the contract's order. It is streamed: each
 * detail sheet, then `Données`, goes out as it is written, so memory does not grow with the number
 * of inputs; `Synthèse`, which refers to the others, is written last. Then the `Données` table and
 * the native charts are added to the package (exceljs writes neither when streaming).
 */
export async function writeConsolidatedWorkbook(
  ctx: WriteContext,
  file: string,
  io: WriteIo = {},
): Promise<WrittenWorkbook> {
  const stream = (io.openStream ?? ((f: string) => createWriteStream(f)))(file);
  // exceljs never settles its promises when its output stream fails (read-only folder, full disk):
  // the stream's error is raced against the whole write, so it always surfaces.
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined); // an error after the race is over has already been dealt with
  try {
    const written = await Promise.race([streamWorkbook(ctx, stream), failed]);
    const edited = await editPackage(await fs.readFile(file), async (pkg) => {
      await reorderSheets(pkg, Object.values(OUTPUT_SHEETS));
      await setCompany(pkg, ctx.model.framework.project.implementer); // exceljs leaves it empty
      await addTablePart(pkg, written.table, {
        sheet: OUTPUT_SHEETS.data,
        name: 'Donnees',
        columns: TIDY_HEADERS,
        rows: written.dataRows,
      });
      await addChartsTo(pkg, written.charts, written.cells);
      await makeXmlSafe(pkg);
    });
    await (io.writeFile ?? fs.writeFile)(file, edited);
    return { synthesis: written.synthesis, charts: written.charts };
  } finally {
    stream.destroy();
  }
}

/** Where the workbook's bytes go; tests inject failing functions (a full disk cannot be made as root). */
export interface WriteIo {
  openStream?: (file: string) => Writable;
  writeFile?: (file: string, data: Buffer) => Promise<void>;
}

async function streamWorkbook(ctx: WriteContext, stream: Writable) {
  const fw = ctx.model.framework;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  // The streaming writer reads its document properties straight off itself.
  Object.assign(workbook, {
    creator: OUTPUT_CREATOR,
    lastModifiedBy: OUTPUT_LAST_MODIFIED_BY,
    title: `${fw.project.shortTitle} – ${ctx.labels.synthesisTitle}`,
    subject: `${fw.id} ${fw.version} – ${selectionLabel(ctx.model)}`,
    keywords: ctx.labels.keywords,
    created: new Date(ctx.generatedAt),
    modified: new Date(ctx.generatedAt),
  });
  // Texts too long for their cell, kept whole as the sheets are written; their sheet is written last.
  const longTexts = new LongTexts(ctx);
  keepLongTexts(workbook, longTexts);
  const written: Written = { charts: [], cells: [] };
  for (const spec of STREAM_ORDER.map(specOf)) {
    const ws = workbook.addWorksheet(spec.name, sheetOptions(spec));
    dropDanglingDataBarExtensions(ws);
    printSetup(ws, spec.printTitles, ctx.footer); // before the writer, which may add a print area
    await spec.write(ws, { ctx, written, longTexts, snapshot });
    ws.commit();
    await drain(ws);
  }
  await workbook.commit();
  if (!written.synthesis || !written.table || written.dataRows === undefined)
    throw new Error('internal: a sheet of the consolidated workbook was not written');
  return {
    synthesis: written.synthesis,
    charts: written.charts,
    cells: allSheets(written.cells),
    table: written.table,
    dataRows: written.dataRows,
  };
}
