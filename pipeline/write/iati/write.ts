import { writeFile } from 'node:fs/promises';
import type { Consolidated, SourceRecord } from '../../../core/consolidate/model';
import type { IatiSettings } from '../../../core/framework/iati';
import { writeAtomic } from '../atomic';
import { buildIati, type IatiDocument } from './activity';

/** Builds the IATI activity file of a consolidation and writes it atomically; returns what it holds and left out. */
export async function writeIatiFile(
  file: string,
  model: Consolidated,
  sources: readonly SourceRecord[],
  iati: IatiSettings,
  now: Date,
): Promise<IatiDocument> {
  const doc = buildIati(model, sources, iati, now);
  await writeAtomic(file, (temp) => writeFile(temp, doc.xml, 'utf8'));
  return doc;
}
