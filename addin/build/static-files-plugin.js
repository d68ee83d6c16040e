'use strict';
/**
 * Copies static files (icons, stylesheet, function file, manifest) into the build, with an optional
 * transform (the manifest's URLs). A few lines instead of copy-webpack-plugin, whose option check
 * (schema-utils → ajv-keywords) cannot load with the ajv version the lockfile currently hoists.
 */
const fs = require('node:fs');
const path = require('node:path');

const NAME = 'StaticFilesPlugin';

class StaticFilesPlugin {
  /**
   * @param {{ from: string, to: string, transform?: (content: Buffer) => string | Buffer }[]} files
   *   `from` is a file, or a folder followed by a file-name pattern (`assets/icon-*.png`); `to` is the
   *   path in the output, where `[name]` is the source file's name.
   */
  constructor(files) {
    this.files = files;
  }

  expand(context) {
    const out = [];
    for (const spec of this.files) {
      const from = path.resolve(context, spec.from);
      const base = path.basename(from);
      if (!base.includes('*')) {
        out.push({ source: from, target: spec.to.replace('[name]', base), transform: spec.transform });
        continue;
      }
      const dir = path.dirname(from);
      const pattern = new RegExp(`^${base.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => pattern.test(n)).sort() : [];
      if (names.length === 0) throw new Error(`${NAME}: no file matches ${spec.from}`);
      for (const name of names) out.push({ source: path.join(dir, name), target: spec.to.replace('[name]', name), transform: spec.transform });
    }
    return out;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        for (const file of this.expand(compiler.context)) {
          compilation.fileDependencies.add(file.source);
          const content = fs.readFileSync(file.source);
          const output = file.transform ? file.transform(content) : content;
          compilation.emitAsset(file.target, new sources.RawSource(output));
        }
      });
    });
  }
}

module.exports = { StaticFilesPlugin };
