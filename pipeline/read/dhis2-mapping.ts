import { readFileSync } from 'node:fs';
import { parseDhis2Mapping, type Dhis2Mapping, type Dhis2Problem } from '../../core/exports/dhis2-mapping';
import type { Framework } from '../../core/framework/schema';
import type { Lang } from '../../core/messages';
import { dhis2MappingErrorText } from '../../core/messages/exports-dhis2';

/** A mapping file that failed: every problem with its JSON path, said on one line naming the file. */
export class Dhis2MappingError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Dhis2Problem[],
    lang: Lang,
  ) {
    super(dhis2MappingErrorText(file, problems, lang));
    this.name = 'Dhis2MappingError';
  }
}

/** Reads and checks the `--dhis2-mapping` file against the framework; throws a Dhis2MappingError. */
export function loadDhis2Mapping(file: string, framework: Framework, lang: Lang = 'fr'): Dhis2Mapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    const id = code === 'ENOENT' ? 'notFound' : 'unreadable';
    throw new Dhis2MappingError(file, [{ path: '', id, params: { code } }], lang);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Dhis2MappingError(file, [{ path: '', id: 'notJson', params: {} }], lang);
  }
  const parsed = parseDhis2Mapping(data, framework);
  if (parsed.mapping === null) throw new Dhis2MappingError(file, parsed.problems, lang);
  return parsed.mapping;
}
