import { promises as fs } from 'node:fs';
import Papa from 'papaparse';
import type { Dhis2DataValue } from '../../../core/exports/dhis2-values';
import { writeAtomic } from '../atomic';

/**
 * The columns of DHIS2's data value CSV (Import/Export app, `/api/dataValueSets` with
 * `Content-Type: application/csv`), in the order DHIS2 reads them; the first row is a header, which
 * DHIS2 skips.
 */
export const DHIS2_CSV_COLUMNS = [
  'dataelement',
  'period',
  'orgunit',
  'categoryoptioncombo',
  'attributeoptioncombo',
  'value',
  'storedby',
  'lastupdated',
  'comment',
  'followup',
] as const;

/** The CSV written beside FILE.json: FILE.csv. */
export const dhis2CsvPath = (json: string): string => json.replace(/\.json$/i, '.csv');

/** The `dataValueSets` payload as DHIS2 takes it on `POST /api/dataValueSets`. */
export function dhis2Json(values: readonly Dhis2DataValue[]): string {
  return `${JSON.stringify({ dataValues: values }, null, 2)}\n`;
}

/**
 * The same rows as DHIS2's CSV: plain UTF-8 without BOM, comma-separated, as DHIS2 parses it. Texts are
 * not prefixed against spreadsheet formulas (the tidy CSV's guard): DHIS2 would store the apostrophe.
 */
export function dhis2Csv(values: readonly Dhis2DataValue[]): string {
  const data = values.map((v) => [
    v.dataElement,
    v.period,
    v.orgUnit,
    v.categoryOptionCombo,
    v.attributeOptionCombo ?? '',
    v.value,
    '',
    '',
    v.comment ?? '',
    '',
  ]);
  return `${Papa.unparse({ fields: [...DHIS2_CSV_COLUMNS], data }, { delimiter: ',', newline: '\r\n' })}\r\n`;
}

/** Writes FILE.json and FILE.csv, each through a temporary file renamed into place. */
export async function writeDhis2(
  file: string,
  values: readonly Dhis2DataValue[],
): Promise<{ json: string; csv: string }> {
  const csv = dhis2CsvPath(file);
  await writeAtomic(file, (temp) => fs.writeFile(temp, dhis2Json(values), 'utf8'));
  await writeAtomic(csv, (temp) => fs.writeFile(temp, dhis2Csv(values), 'utf8'));
  return { json: file, csv };
}
