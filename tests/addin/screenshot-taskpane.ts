import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { snapshotFile } from './helpers/snapshot';
import { tempDir, writeSeeded } from './helpers/fixtures';

/**
 * Renders the built task pane (npm run build:dev, or a production build) over a workbook with seeded
 * mistakes, with the test suite's fake Office host, and saves docs/volet.png for the README. Nothing leaves the machine.
 * Kept among the add-in's tests because it runs on their helpers and fake host (sources and scripts never
 * import tests): `npm run screenshot:taskpane`. Not a *.test.ts: Jest does not run it.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');

async function main(): Promise<void> {
  const workbook = await snapshotFile(await writeSeeded(tempDir()));
  const fake = readFileSync(path.join(__dirname, 'fake-office.js'), 'utf8');
  const server = http.createServer((req, res) => {
    const file = path.join(DIST, path.normalize(new URL(req.url ?? '/', 'http://x').pathname));
    try {
      res.writeHead(200).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.includes('appsforoffice.microsoft.com'))
      return route.fulfill({
        contentType: 'text/javascript',
        body: `window.__FAKE_WORKBOOK__ = ${JSON.stringify(workbook)};\n${fake}`,
      });
    return url.startsWith(origin) ? route.continue() : route.abort();
  });
  await page.goto(`${origin}/taskpane.html`);
  await page.getByRole('button', { name: 'Valider le classeur' }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(ROOT, 'docs', 'volet.png'), fullPage: true });
  await browser.close();
  server.close();
  process.stdout.write(`${path.join(ROOT, 'docs', 'volet.png')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
