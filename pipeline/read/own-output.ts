import { readInputFile } from './input-file';
import { DEFAULT_LIMITS, inspectZip, type ZipLimits } from './zip-guard';
import {
  FEEDBACK_FIRST_SHEETS,
  FEEDBACK_LAST_MODIFIED_BY,
  OUTPUT_CREATOR,
  OUTPUT_LAST_MODIFIED_BY,
  OUTPUT_SHEETS,
} from '../../core/layout/output-contract';
import { TIDY_COLUMNS, TIDY_COLUMNS_V1 } from '../../core/layout/contract';
import { END, OPEN, Scanner, XmlScanError } from '../xml/scanner';

/**
 * The merge's own outputs, recognised by their content (a renamed copy is still one): the consolidated
 * workbook and the `--csv` table. Left in the input folder by an earlier run, they are not inputs.
 */
export type OwnOutput = 'workbook' | 'csv';

/** The first bytes of a `--csv` table as pipeline/write/csv.ts writes it: BOM, the quoted header line, CRLF. */
const signature = (columns: readonly { header: string }[]) =>
  Buffer.from(`\uFEFF${columns.map((c) => `"${c.header}"`).join(';')}\r\n`, 'utf8');
const CSV_SIGNATURE = signature(TIDY_COLUMNS);
/** The same before targets per period (ten columns): last month's table is ours too. */
const CSV_SIGNATURE_V1 = signature(TIDY_COLUMNS_V1);

/** The parts that tell a consolidated workbook: its properties and its sheet list. */
export const OWN_OUTPUT_PARTS: readonly string[] = ['docProps/core.xml', 'xl/workbook.xml'];

const NS_DC = 'http://purl.org/dc/elements/1.1/';
const NS_CP = 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties';

/**
 * The author fields of docProps/core.xml, read by the shared XML scanner: found by namespace (the
 * prefixes the root declares, `dc:` and `cp:` when it declares none), text decoded (entities, CDATA)
 * and trimmed.
 */
function authors(core: string): { creator?: string; lastModifiedBy?: string } {
  const sc = new Scanner(core);
  if (sc.next() !== OPEN) return {};
  const root = Object.entries(sc.attributes());
  const declared = (ns: string, usual: string) => {
    const prefixes = root
      .filter(([name, value]) => name.startsWith('xmlns:') && value === ns)
      .map(([name]) => `${name.slice(6)}:`);
    return prefixes.length > 0 ? prefixes : [`${usual}:`];
  };
  const creator = declared(NS_DC, 'dc').map((p) => `${p}creator`);
  const lastModifiedBy = declared(NS_CP, 'cp').map((p) => `${p}lastModifiedBy`);
  const out: { creator?: string; lastModifiedBy?: string } = {};
  for (let kind = sc.next(); kind !== END; kind = sc.next()) {
    if (kind !== OPEN || sc.depth() !== 2) continue;
    const field = creator.includes(sc.qname)
      ? 'creator'
      : lastModifiedBy.includes(sc.qname)
        ? 'lastModifiedBy'
        : undefined;
    if (field) out[field] ??= sc.leafText().trim();
    else sc.skip();
  }
  return out;
}

/** Sheets the output gained over time (« Textes longs », then « Évolution »): an output written before has none of them. */
const ADDED_LATER: ReadonlySet<string> = new Set<keyof typeof OUTPUT_SHEETS>(['longTexts', 'evolution']);

/** The names in the workbook's <sheets>, whatever the prefix, quotes and attribute order. */
function sheetNames(workbook: string): Set<string> {
  const names = new Set<string>();
  const sc = new Scanner(workbook);
  for (let kind = sc.next(); kind !== END; kind = sc.next())
    if (kind === OPEN && sc.depth() === 3 && sc.qname.slice(sc.qname.indexOf(':') + 1) === 'sheet') {
      const name = sc.attr('name');
      if (name !== undefined) names.add(name);
    }
  return names;
}

/**
 * A consolidated workbook: written by this tool (creator or last author, which Excel keeps or sets on
 * saving) and holding every sheet of the output contract (a commune workbook holds none of Synthèse,
 * Données, Sources). Opened and saved again by a manager, with a sheet added, it still is one.
 */
export function isConsolidatedWorkbook(parts: ReadonlyMap<string, Buffer>): boolean {
  const core = parts.get('docProps/core.xml')?.toString('utf8');
  if (core === undefined) return false;
  try {
    const { creator, lastModifiedBy } = authors(core);
    if (creator !== OUTPUT_CREATOR && lastModifiedBy !== OUTPUT_LAST_MODIFIED_BY) return false;
    const workbook = parts.get('xl/workbook.xml')?.toString('utf8');
    if (workbook === undefined) return false;
    const sheets = sheetNames(workbook);
    // The sheets every version of the output has had: last month's output is one too.
    return Object.entries(OUTPUT_SHEETS).every(([key, name]) => ADDED_LATER.has(key) || sheets.has(name));
  } catch (err) {
    // Parts the scanner cannot read are no output of ours: the reader decides what the file is.
    if (err instanceof XmlScanError) return false;
    throw err;
  }
}

/** The names in <sheets>, in order. */
function sheetList(workbook: string): string[] {
  return [...sheetNames(workbook)];
}

/**
 * A feedback workbook of `--feedback DIR`: written by this tool (creator, or the last author it sets)
 * and opening on its « À corriger » (« To fix ») sheet. A commune workbook has neither.
 */
export function isFeedbackWorkbook(parts: ReadonlyMap<string, Buffer>): boolean {
  const core = parts.get('docProps/core.xml')?.toString('utf8');
  const workbook = parts.get('xl/workbook.xml')?.toString('utf8');
  if (core === undefined || workbook === undefined) return false;
  try {
    const { creator, lastModifiedBy } = authors(core);
    if (creator !== OUTPUT_CREATOR && lastModifiedBy !== FEEDBACK_LAST_MODIFIED_BY) return false;
    return FEEDBACK_FIRST_SHEETS.includes(sheetList(workbook)[0] ?? '');
  } catch (err) {
    if (err instanceof XmlScanError) return false;
    throw err;
  }
}

/** Any workbook this tool writes for people (consolidated output or feedback): never an input. */
export const isOwnWorkbook = (parts: ReadonlyMap<string, Buffer>): boolean =>
  isConsolidatedWorkbook(parts) || isFeedbackWorkbook(parts);

/**
 * Whether `buffer` is a `--csv` table of the merge. A `--csv` table is recognised by its first line
 * exactly as the tool writes it; the same table saved again by Excel or LibreOffice (which drop the
 * quotes) is a tidy table like any other, the deliberate way to use an export as an input.
 */
export function isOwnCsv(buffer: Buffer): boolean {
  return [CSV_SIGNATURE, CSV_SIGNATURE_V1].some((signature) => buffer.subarray(0, signature.length).equals(signature));
}

/**
 * Whether the file at `file` is one of the merge's outputs (false when it cannot be read). A workbook's
 * parts come through the zip guard, like every input's: never inflated past the limits.
 */
export async function isOwnOutputFile(
  file: string,
  kind: 'workbook' | 'csv',
  limits: ZipLimits = DEFAULT_LIMITS,
): Promise<boolean> {
  try {
    const buffer = await readInputFile(file, limits.maxFileBytes);
    if (kind === 'csv') return isOwnCsv(buffer);
    const verdict = inspectZip(buffer, limits, { keep: (name) => OWN_OUTPUT_PARTS.includes(name) });
    return verdict.ok && isOwnWorkbook(verdict.parts ?? new Map());
  } catch {
    return false;
  }
}
