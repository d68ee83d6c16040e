/**
 * An unusable file's record keeps its input error's code and parameters, not a text in one language:
 * the same outcome is rendered in French or English at the edge (console, workbook, --json).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { issueText, reasonText } from '../../core/messages/merge';
import { processInput } from '../../pipeline/merge/inputs';
import { discoverInputs } from '../../pipeline/read/discover';
import { DEFAULT_LIMITS } from '../../pipeline/read/zip-guard';
import { framework, tempDir } from '../helpers/merge-fixtures';

const tmp = tempDir('merge-unusable-codes');
afterAll(() => tmp.remove());

test('a text renamed .xlsx: the record and issue keep code notWorkbook; each language renders it', async () => {
  const dir = path.join(tmp.dir, 'in');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'rapport.xlsx'), 'Réalisé R1.1.1 : 25\n', 'utf8');
  const [input] = await discoverInputs(dir);
  const outcome = await processInput(input!, { framework, limits: DEFAULT_LIMITS });
  expect(outcome.record.reason).toEqual({ id: 'unusable', params: { code: 'notWorkbook' } });
  expect(outcome.issues).toHaveLength(1);
  expect(outcome.issues[0]!.params).toEqual({ code: 'notWorkbook' });
  const reason = outcome.record.reason!;
  expect(reasonText(reason.id, reason.params, 'fr')).toBe(
    'inutilisable : ce n’est pas un classeur Excel (.xlsx ou .xlsm)',
  );
  expect(reasonText(reason.id, reason.params, 'en')).toBe('unusable: not an Excel workbook (.xlsx or .xlsm)');
  expect(issueText(outcome.issues[0]!, 'en')).toBe('not an Excel workbook (.xlsx or .xlsm)');
});

test('parameters are written in the reader’s language: a size in French and English numbers', () => {
  const params = { code: 'tooLarge', size: 1250, max: 1000 };
  expect(reasonText('unusable', params, 'fr')).toBe(
    'inutilisable : fichier trop volumineux (1\u202f250 Mo, au plus 1\u202f000 Mo)',
  );
  expect(reasonText('unusable', params, 'en')).toBe('unusable: file too large (1,250 MB, at most 1,000 MB)');
});

test('an unexpected error without a code keeps its first line as the detail', () => {
  expect(reasonText('unusable', { detail: 'boom' }, 'en')).toBe('unusable: boom');
});
