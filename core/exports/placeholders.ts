/**
 * Identifiers a project must replace before anything is sent: the markers our example files use,
 * « A-CONFIRMER » in the framework's iati block and XXXX in templates/dhis2-mapping.exemple.json.
 */
const PLACEHOLDER = /A-CONFIRMER|TO-CONFIRM|XXXX/i;

/** Every distinct string in `value` (objects and lists walked; `$comment`s skipped) that is a placeholder. */
export function placeholdersIn(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (PLACEHOLDER.test(v)) found.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [key, child] of Object.entries(v)) if (key !== '$comment') walk(child);
  };
  walk(value);
  return [...found];
}
