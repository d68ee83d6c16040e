import ExcelJS from 'exceljs';
import { FEEDBACK_KEYWORDS, FEEDBACK_LAST_MODIFIED_BY, OUTPUT_CREATOR } from '../../../core/layout/output-contract';
import type { Lang } from '../../../core/messages';
import { FEEDBACK_TEXTS, feedbackText } from '../../../core/messages/feedback';
import type { Severity } from '../../../core/report';
import { SEVERITY_FILLS } from '../../../core/severity-fills';
import { cellText, sheetRef, type Cell, type Tables } from '../../../core/tables';
import { editPackage } from '../charts/package';
import { fitRowHeight } from '../consolidated/row-height';
import type { FeedbackRow, Verdict } from './rows';

/** What one feedback workbook shows. */
export interface FeedbackBook {
  lang: Lang;
  /** « Gounzourèye (GNZ) » and the period, for the title. */
  commune: string;
  period: string;
  /** The file as it was received (its name in the input folder). */
  file: string;
  verdict: Verdict;
  counts: { errors: number; warnings: number };
  rows: FeedbackRow[];
  /** Why the file could not be read, when it could not. */
  unusable: string | null;
  /** The accepted file of the same commune and period, when this one is superseded by it. */
  supersededBy?: string | null;
  /** The file's values as read, for the read-only views; null when it could not be read. */
  tables: Tables | null;
  now: Date;
}

/** Every text in the same font as the templates, LibreOffice included (its default is a serif). */
const FONT: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11 };

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const solid = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } });

const VERDICT_FILLS: Record<Verdict, string> = {
  accepted: '#C6EFCE',
  remarks: SEVERITY_FILLS.warning,
  refused: SEVERITY_FILLS.error,
  unusable: SEVERITY_FILLS.error,
  superseded: SEVERITY_FILLS.info,
};

/** Columns of « À corriger »: widths in characters, the last two wrapped (A4 landscape, fitted to the width). */
const COLUMNS = [5, 15, 15, 14, 62, 44];
const LAST = COLUMNS.length;

/** A4, landscape, as wide as the page, as many pages down as needed. */
function printSetup(ws: ExcelJS.Worksheet, footer: string): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddHeader: `&L${footer.replace(/&/g, '&&')}`, oddFooter: '&R&P / &N' };
}

/** The sheets are views: protected without a password, so a click selects and nothing is typed by mistake. */
async function protect(ws: ExcelJS.Worksheet): Promise<void> {
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

/** A text row across the whole width of « À corriger ». */
function banner(ws: ExcelJS.Worksheet, text: string, style: Partial<ExcelJS.Style> = {}): ExcelJS.Row {
  const row = ws.addRow([text]);
  ws.mergeCells(row.number, 1, row.number, LAST);
  const cell = row.getCell(1);
  const size = style.font?.size ?? 11;
  cell.style = { ...style, font: { ...FONT, ...style.font }, alignment: { wrapText: true, vertical: 'top' } };
  // Merged across every column: its height from the text over the whole width (bold and italic run wider).
  const chars = (COLUMNS.reduce((a, b) => a + b, 0) * 0.95 * 11) / size;
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / chars)), 0);
  row.height = Math.max(15, Math.ceil(lines * 15 * (size / 11)));
  return row;
}

function toFixSheet(wb: ExcelJS.Workbook, book: FeedbackBook, views: ReadonlySet<string>): ExcelJS.Worksheet {
  const { lang } = book;
  const say = (id: keyof (typeof FEEDBACK_TEXTS)['fr']['sheetText'], params = {}) =>
    feedbackText('sheetText', id, params, lang);
  const ws = wb.addWorksheet(FEEDBACK_TEXTS[lang].sheet.toFix, { views: [{ showGridLines: false }] });
  ws.columns = COLUMNS.map((width) => ({ width }));
  banner(ws, say('title', { commune: book.commune, period: book.period }), { font: { bold: true, size: 14 } });
  banner(
    ws,
    feedbackText(
      'verdict',
      book.verdict,
      { errors: book.counts.errors, warnings: book.counts.warnings, accepted: book.supersededBy ?? '' },
      lang,
    ),
    { font: { bold: true, size: 12 }, fill: solid(VERDICT_FILLS[book.verdict]) },
  );
  banner(ws, say('file', { file: book.file }));
  const superseded = book.verdict === 'superseded';
  const calm = superseded || book.verdict === 'accepted' || book.verdict === 'remarks';
  banner(
    ws,
    say(superseded ? 'readOnlySuperseded' : calm ? 'readOnlyAccepted' : 'readOnly', {
      file: book.file,
      accepted: book.supersededBy ?? '',
    }),
    { font: { bold: true, color: { argb: calm ? 'FF1F3864' : 'FF9C0006' } } },
  );
  if (book.unusable !== null) {
    ws.addRow([]);
    banner(ws, say('unusableWhat', { reason: book.unusable }));
    // Superseded: the accepted file counts, this one is not to be saved again and sent.
    if (!superseded) banner(ws, say('unusableDo'), { font: { bold: true } });
    return ws;
  }
  if (book.rows.length === 0) {
    ws.addRow([]);
    banner(ws, say('noProblem'), { font: { bold: true } });
    return ws;
  }
  banner(ws, say('howTo'), { font: { italic: true } });
  ws.addRow([]);
  const header = ws.addRow(say('columns').split('|'));
  header.eachCell((cell) => {
    cell.style = {
      font: { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } },
      fill: solid('#1F4E78'),
      alignment: { vertical: 'middle', wrapText: true },
    };
  });
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  book.rows.forEach((r, i) => {
    const place = r.sheet !== null && r.address !== null ? `${r.sheet}!${r.address}` : (r.sheet ?? say('workbook'));
    const linked = r.sheet !== null && r.address !== null && views.has(r.sheet);
    const row = ws.addRow([
      i + 1,
      r.label,
      r.sheet ?? say('workbook'),
      // A jump to the same cell in the view: « Indicateurs!D7 » is the same place in their own file.
      linked
        ? { text: place.slice(r.sheet!.length + 1), hyperlink: `#${sheetRef(r.sheet!, r.address!)}` }
        : (r.address ?? ''),
      r.message,
      r.todo,
    ]);
    row.eachCell((cell, col) => {
      cell.font = FONT;
      cell.alignment = { vertical: 'top', wrapText: col >= 5 };
      cell.border = { bottom: { style: 'hair', color: { argb: 'FFBFBFBF' } } };
    });
    row.getCell(2).fill = solid(r.noted ? SEVERITY_FILLS.info : SEVERITY_FILLS[r.severity]);
    if (linked) row.getCell(4).font = { ...FONT, color: { argb: 'FF0563C1' }, underline: true };
    fitRowHeight(ws, row.number, LAST);
  });
  return ws;
}

/** The value a view cell shows: what the tool read (a date as a date, a formula's result, an error's code). */
function viewValue(cell: Cell): ExcelJS.CellValue {
  if (cell.value === null) return null;
  if (cell.kind === 'date' && typeof cell.value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell.value);
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  return cell.value;
}

/** The printed header of every sheet: a superseded file's views are for information, nothing to fix. */
const viewHeader = (book: FeedbackBook) =>
  feedbackText(
    'sheetText',
    book.verdict === 'superseded' ? 'viewHeaderSuperseded' : 'viewHeader',
    { file: book.file },
    book.lang,
  );

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** One read-only view per visible sheet of the commune's file: same names, same cell addresses. */
function viewSheets(wb: ExcelJS.Workbook, book: FeedbackBook, tables: Tables): void {
  const header = viewHeader(book);
  for (const sheet of tables.sheets.filter((s) => s.state === 'visible')) {
    const ws = wb.addWorksheet(sheet.name);
    const widths: number[] = [];
    const wrapped = new Set<number>();
    sheet.rows.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        const value = viewValue(cell);
        if (value === null) return;
        const target = ws.getCell(r + 1, c + 1);
        target.value = value;
        target.font = FONT;
        if (value instanceof Date) target.numFmt = book.lang === 'fr' ? 'dd/mm/yyyy' : 'dd mmm yyyy';
        const length = value instanceof Date ? 10 : cellText(cell).length;
        widths[c] = Math.max(widths[c] ?? 0, Math.min(length + 2, 62));
        if (length > 60) {
          target.alignment = { wrapText: true, vertical: 'top' };
          wrapped.add(r + 1);
        }
      });
    });
    widths.forEach((w, c) => {
      ws.getColumn(c + 1).width = Math.max(w ?? 0, 8);
    });
    // The cells at fault: filled by the most severe, every message in the note.
    const marks = new Map<string, { severity: Severity; lines: string[] }>();
    for (const r of book.rows) {
      if (r.sheet !== sheet.name || r.address === null) continue;
      const severity: Severity = r.noted ? 'info' : r.severity;
      const mark = marks.get(r.address) ?? { severity, lines: [] };
      if (RANK[severity] > RANK[mark.severity]) mark.severity = severity;
      mark.lines.push(feedbackText('sheetText', 'note', { label: r.label, message: r.message }, book.lang));
      marks.set(r.address, mark);
    }
    for (const [address, mark] of marks) {
      const cell = ws.getCell(address);
      cell.fill = solid(SEVERITY_FILLS[mark.severity]);
      cell.note = mark.lines.join('\n');
    }
    // Only the rows with a wrapped text grow; the others keep Excel's height.
    for (const r of wrapped) fitRowHeight(ws, r);
    printSetup(ws, header);
  }
}

/**
 * exceljs writes an internal link as an external relationship to « #Sheet!A1 »: rewritten here as
 * Excel writes it, a `location` inside the workbook and no relationship.
 */
async function internalLinks(buffer: Buffer): Promise<Buffer> {
  return editPackage(buffer, async (pkg) => {
    for (const part of pkg.parts().filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
      const xml = await pkg.read(part);
      const ids: string[] = [];
      const fixed = xml.replace(
        /<hyperlink ref="([A-Z]+\d+)" r:id="(rId\d+)" location="#([^"]*)"\/>/g,
        (_whole, ref: string, id: string, location: string) => {
          ids.push(id);
          return `<hyperlink ref="${ref}" location="${location}"/>`;
        },
      );
      if (ids.length === 0) continue;
      pkg.write(part, fixed);
      const rels = part.replace(/^xl\/worksheets\//, 'xl/worksheets/_rels/') + '.rels';
      const relsXml = await pkg.read(rels);
      pkg.write(
        rels,
        relsXml.replace(/<Relationship [^>]*\/>/g, (rel) => (ids.some((id) => rel.includes(`Id="${id}"`)) ? '' : rel)),
      );
    }
  });
}

/** The feedback workbook's bytes: « À corriger », then the read-only views. */
export async function feedbackWorkbook(book: FeedbackBook): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = OUTPUT_CREATOR;
  wb.lastModifiedBy = FEEDBACK_LAST_MODIFIED_BY;
  wb.keywords = FEEDBACK_KEYWORDS;
  wb.title = feedbackText('sheetText', 'title', { commune: book.commune, period: book.period }, book.lang);
  wb.created = book.now;
  wb.modified = book.now;
  const views = new Set((book.tables?.sheets ?? []).filter((s) => s.state === 'visible').map((s) => s.name));
  const first = toFixSheet(wb, book, views);
  printSetup(first, viewHeader(book));
  if (book.tables) viewSheets(wb, book, book.tables);
  for (const ws of wb.worksheets) await protect(ws);
  return internalLinks(Buffer.from(await wb.xlsx.writeBuffer()));
}
