'use strict';
/**
 * Prints the task pane's own JavaScript size, raw and gzipped (Office.js is not part of it: it comes
 * from Microsoft's CDN), writes it to bundle-size.json, and fails the build when the gzipped size
 * is over the limit.
 */
const zlib = require('node:zlib');

const NAME = 'BundleSizePlugin';
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

class BundleSizePlugin {
  /** @param {{ limitKb?: number, log?: (line: string) => void }} [options] */
  constructor(options = {}) {
    this.limitKb = options.limitKb ?? 250;
    this.log = options.log ?? ((line) => console.log(line));
  }

  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        const files = [];
        for (const [name, source] of Object.entries(assets)) {
          if (!name.endsWith('.js')) continue;
          const buffer = Buffer.from(source.buffer());
          files.push({ name, bytes: buffer.length, gzipBytes: zlib.gzipSync(buffer, { level: 9 }).length });
        }
        const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
        const gzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
        const limitBytes = this.limitKb * 1024;
        const report = { files, bytes, gzipBytes, limitBytes };
        compilation.emitAsset('bundle-size.json', new sources.RawSource(`${JSON.stringify(report, null, 2)}\n`));
        this.log(
          `Task pane JS (Office.js excluded): ${kb(bytes)} KB, ${kb(gzipBytes)} KB gzipped — limit ${this.limitKb} KB gzipped` +
            (files.length > 1 ? ` (${files.map((f) => `${f.name} ${kb(f.gzipBytes)} KB`).join(', ')})` : ''),
        );
        if (gzipBytes > limitBytes) {
          const error = new WebpackError(
            `The task pane's JavaScript is ${kb(gzipBytes)} KB gzipped, over the ${this.limitKb} KB limit: ` +
              'remove a dependency or load it lazily.',
          );
          error.name = 'BundleSizeError';
          compilation.errors.push(error);
        }
      });
    });
  }
}

module.exports = { BundleSizePlugin };
