import path from 'node:path';

/**
 * The toolkit's folder (the repository, or an unpacked release): templates/ and out/ are found from it.
 * From the sources this module is pipeline/paths.ts; compiled, every command lies in build/cli/ (webpack.cli.config.js).
 */
export const BUNDLED = path.extname(__filename) === '.js';
export const ROOT = BUNDLED ? path.resolve(__dirname, '..', '..') : path.resolve(__dirname, '..');

/** A path under the toolkit's folder. */
export const fromRoot = (...parts: string[]): string => path.join(ROOT, ...parts);
