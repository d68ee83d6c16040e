import { INPUT_ERROR_TEXTS } from '../../pipeline/cli/text';
import { MERGE_TEXTS } from '../../core/messages/merge';
import { LABELS } from '../../pipeline/write/consolidated/labels';

/** Every text of the pipeline exists in French and English, with the same placeholders. */
function flatten(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out.set(`${prefix}${k}`, v);
    else for (const [kk, vv] of flatten(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ['input errors', INPUT_ERROR_TEXTS],
  ['merge messages', MERGE_TEXTS],
  ['workbook labels', LABELS],
])('%s', (_name, texts) => {
  const fr = flatten(texts.fr);
  const en = flatten(texts.en);
  it('has the same keys in fr and en', () => {
    expect([...en.keys()].sort()).toEqual([...fr.keys()].sort());
  });
  it.each([...fr.keys()])('%s has the same placeholders in both languages and no empty text', (key) => {
    expect(fr.get(key)!.trim()).not.toBe('');
    expect(en.get(key)!.trim()).not.toBe('');
    expect(placeholders(en.get(key)!)).toEqual(placeholders(fr.get(key)!));
  });
});
