/**
 * Builds the command-line tools into build/cli/ as plain JavaScript for Node (npm run build:cli; npm install
 * runs it through `prepare`): one file per command and one per worker thread, with exceljs, papaparse, zod,
 * commander and jszip inside, so a release needs no runtime npm dependency. The framework and the templates
 * are read at run time from templates/ next to build/ (pipeline/paths.ts).
 *
 * Not minified: stack traces stay readable, the build stays quick, start-up hardly differs.
 */
const path = require('node:path');
const { BannerPlugin } = require('webpack');

/**
 * Node warns about `new Buffer()` (DEP0005) unless the call comes from node_modules: once bundled, the calls inside
 * archiver (exceljs's writer) would print it on every merge. Only that warning is dropped, at the top of each file.
 */
const QUIET_BUFFER_WARNING = `{
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) {
    const code = typeof rest[0] === 'object' && rest[0] !== null ? rest[0].code : rest[1];
    if (code === 'DEP0005') return;
    return emitWarning.call(process, warning, ...rest);
  };
}`;

/** Entry name → source: the commands, then the scripts the merge starts as worker threads (found next to it). */
const ENTRIES = {
  merge: './pipeline/cli/merge.ts',
  validate: './pipeline/cli/validate.ts',
  templates: './pipeline/cli/templates.ts',
  examples: './pipeline/cli/examples.ts',
  worker: './pipeline/merge/worker.ts',
  'exceljs-worker': './pipeline/read/exceljs-worker.ts',
};

module.exports = (env = {}) => ({
  mode: 'production',
  target: 'node20',
  context: __dirname,
  entry: ENTRIES,
  output: {
    path: env.outputPath ? path.resolve(env.outputPath) : path.resolve(__dirname, 'build', 'cli'),
    filename: '[name].js',
    chunkFilename: 'shared-[name].js',
    clean: true,
    // Rewritten every build: the stale-build warning compares sources with the files' dates.
    compareBeforeEmit: false,
  },
  // Node's own __dirname/__filename: the worker scripts and templates/ are found from where the bundle lies.
  node: { __dirname: false, __filename: false },
  resolve: { extensions: ['.ts', '.js', '.json'] },
  devtool: false,
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        loader: 'ts-loader',
        options: { transpileOnly: true, configFile: path.resolve(__dirname, 'tsconfig.json') },
      },
    ],
  },
  // The libraries every command shares live in one file, loaded once.
  optimization: {
    minimize: false,
    splitChunks: { chunks: 'all', cacheGroups: { vendor: { test: /node_modules/, name: 'vendor', priority: 10 } } },
  },
  plugins: [new BannerPlugin({ banner: QUIET_BUFFER_WARNING, raw: true, entryOnly: true })],
  performance: { hints: false },
  stats: 'errors-warnings',
});
