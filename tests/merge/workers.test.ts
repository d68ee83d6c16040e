/**
 * Reading and checking in worker threads gives exactly what the sequential run gives, in input order.
 */
import path from 'node:path';
import { autoWorkers } from '../../pipeline/merge/merge';
import { processInputs } from '../../pipeline/merge/pool';
import { discoverInputs } from '../../pipeline/read/discover';
import { DEFAULT_LIMITS } from '../../pipeline/read/zip-guard';
import { copyExamples, framework, tempDir, truncateToHalf, writeCommune } from '../helpers/merge-fixtures';

const tmp = tempDir('merge-workers');
afterAll(() => tmp.remove());

test('two worker threads and one thread give identical outcomes, in the same order', async () => {
  const dir = path.join(tmp.dir, 'in');
  const examples = copyExamples(dir);
  await writeCommune(dir, 'BAR', {
    name: 'bara-2024.xlsx',
    period: '2024',
    fill: { 'indicators:R4.3.1:achieved': '1.250' },
  });
  truncateToHalf(examples[0]!, path.join(dir, 'coupe.xlsx'));
  const inputs = await discoverInputs(dir);
  const options = { framework, limits: DEFAULT_LIMITS };
  const sequential = await processInputs(inputs, options, 1);
  const progress: number[] = [];
  const parallel = await processInputs(inputs, options, 2, (done) => progress.push(done));
  expect(parallel).toEqual(sequential);
  expect(progress).toEqual(inputs.map((_, i) => i + 1));
  // The run did read something real: accepted reports, a rejected one, an unusable one.
  expect(sequential.map((o) => o.record.status).sort()).toEqual([
    'accepted',
    'accepted',
    'accepted',
    'accepted',
    'rejected',
    'rejected',
  ]);
}, 120_000);

test.each([
  [4, 2, 1],
  [100, 2, 1],
  [15, 8, 1],
  [16, 3, 2],
  [2812, 8, 4],
])('%i files on %i cores → %i thread(s)', (files, cores, expected) => {
  expect(autoWorkers(files, cores)).toBe(expected);
});
