import { createWriteStream, promises as fs } from 'node:fs';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { addChartsTo, editPackage, type CellSource, type CellValue, type ChartSpec } from '../charts';
import { columnLetter } from '../../../core/tables';
import { selectionLabel } from '../../../core/consolidate/model';
import { dropDanglingDataBarExtensions } from '../databar-ext';
import { setCompany } from '../doc-props';
import { reorderSheets } from '../sheet-order';
import { addTablePart, declareStreamedTable } from '../table-part';
import { writeBeneficiaries } from './beneficiaries';
import { writeBudget } from './budget';
import type { WriteContext } from './context';
import { writeControls } from './controls';
import { writeDashboard } from './dashboard';
import { writeEvolution } from './evolution';
import { DETAIL_HEADER_ROW } from './detail-sheet';
import { keepLongTexts, LongTexts, writeLongTexts } from './long-texts';
import { TIDY_HEADERS, writeData } from './data';
import { OUTPUT_CREATOR, OUTPUT_LAST_MODIFIED_BY, OUTPUT_SHEETS } from './labels';
import { writePlannedVsAchieved } from './planned-vs-achieved';
import { writeSources } from './sources';
import { drain, printSetup, shownValue } from './style';
import { makeXmlSafe } from './xml-safe';
import { writeSynthesis, type SynthesisMap } from './synthesis';

export interface WrittenWorkbook {
  synthesis: SynthesisMap;
  charts: ChartSpec[];
}

type SheetKey = keyof typeof OUTPUT_SHEETS;

/**
 * Frozen rows and columns of each sheet. A streamed worksheet writes its views and its fit-to-page
 * flag as soon as it is created, so they are given here rather than by the sheet writers.
 */
const FROZEN: Record<SheetKey, [rows: number, columns: number]> = {
  synthesis: [0, 0],
  plannedVsAchieved: [DETAIL_HEADER_ROW, 4],
  evolution: [0, 0],
  budget: [DETAIL_HEADER_ROW, 2],
  beneficiaries: [DETAIL_HEADER_ROW, 2],
  data: [1, 0],
  controls: [1, 0],
  sources: [1, 0],
  longTexts: [1, 0],
};

function sheetOptions(key: SheetKey): Partial<ExcelJS.AddWorksheetOptions> {
  const [rows, columns] = FROZEN[key];
  const views: Partial<ExcelJS.WorksheetView>[] =
    rows + columns > 0 ? [{ state: 'frozen', xSplit: columns, ySplit: rows, topLeftCell: `${columnLetter(columns + 1)}${rows + 1}` }] : [];
  return { views, pageSetup: { fitToPage: true, fitToWidth: 1, fitToHeight: 0, orientation: 'landscape', paperSize: 9 } };
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

/** Two sheets' kept values as one source: each answers for its own sheet. */
function bothSheets(a: CellSource, b: CellSource): CellSource {
  return {
    value: (sheet, address) => a.value(sheet, address) ?? b.value(sheet, address),
    numberFormat: (sheet, address) => a.numberFormat?.(sheet, address) ?? b.numberFormat?.(sheet, address),
  };
}

/**
 * Writes the consolidated workbook to `file`, sheets in the contract's order. It is streamed: each
 * detail sheet, then `Données`, goes out as it is written, so memory does not grow with the number
 * of inputs; `Synthèse`, which refers to the others, is written last. Then the `Données` table and
 * the native charts are added to the package (exceljs writes neither when streaming).
 */
export async function writeConsolidatedWorkbook(ctx: WriteContext, file: string, io: WriteIo = {}): Promise<WrittenWorkbook> {
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
      await addTablePart(pkg, written.table, { sheet: OUTPUT_SHEETS.data, name: 'Donnees', columns: TIDY_HEADERS, rows: written.dataRows });
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
  // A streamed sheet enters the package when it is created and leaves memory as it is written: each
  // sheet is created just before it is written, Synthèse and Textes longs last; then Synthèse is moved back to the front.
  const sheet = (key: SheetKey) => {
    const ws = workbook.addWorksheet(OUTPUT_SHEETS[key], sheetOptions(key));
    dropDanglingDataBarExtensions(ws);
    return ws;
  };
  const done = async (ws: ExcelJS.Worksheet) => {
    ws.commit();
    await drain(ws);
  };

  let ws = sheet('plannedVsAchieved');
  const plannedVsAchieved = await writePlannedVsAchieved(ws, ctx);
  await done(ws);
  ws = sheet('budget');
  const budget = await writeBudget(ws, ctx);
  await done(ws);
  ws = sheet('beneficiaries');
  const beneficiaries = await writeBeneficiaries(ws, ctx);
  await done(ws);
  ws = sheet('data');
  const table = declareStreamedTable(ws);
  const dataRows = await writeData(ws, ctx);
  await done(ws);
  ws = sheet('controls');
  writeControls(ws, ctx);
  await done(ws);
  ws = sheet('sources');
  writeSources(ws, ctx);
  await done(ws);
  // Évolution: its charts read its summary, kept before the detail tables stream out under it.
  const evolutionSheet = sheet('evolution');
  const evolution = writeEvolution(evolutionSheet, ctx);
  const evolutionCells = snapshot(evolutionSheet, evolution.lastRow);
  await evolution.details();
  await done(evolutionSheet);
  const synthesisSheet = sheet('synthesis');
  const synthesis = writeSynthesis(synthesisSheet, ctx, { plannedVsAchieved, budget, beneficiaries });
  const { charts, lastRow } = writeDashboard(synthesisSheet, ctx, { plannedVsAchieved, budget, beneficiaries, synthesis });
  const cells = bothSheets(snapshot(synthesisSheet, lastRow), evolutionCells);
  await done(synthesisSheet);
  ws = sheet('longTexts');
  await writeLongTexts(ws, ctx, longTexts, drain);
  printSetup(ws, '1:1', ctx.footer);
  await done(ws);
  await workbook.commit();
  return { synthesis, charts: [...charts, ...evolution.charts], cells, table, dataRows };
}
