/**
 * The add-in's build files (plain JavaScript, outside the TypeScript project) with the types the
 * tests use: webpack.config.js and the bundle-size plugin.
 */
import path from 'node:path';
import type webpack from 'webpack';

export const ROOT = path.resolve(__dirname, '..', '..');

interface WebpackConfigModule {
  (
    env?: { outputPath?: string; mode?: string; productionUrl?: string },
    argv?: { mode?: string },
  ): Promise<webpack.Configuration>;
  /** manifest.xml with every development URL replaced by `baseUrl`'s. */
  rewriteManifest(xml: string, baseUrl: string): string;
  /** --env productionUrl, else ADDIN_PRODUCTION_URL, ending with '/'; throws unless a real https address. */
  productionUrl(env?: Record<string, string>): string;
}

interface BundleSizeModule {
  BundleSizePlugin: new (options?: { limitKb?: number; log?: (line: string) => void }) => webpack.WebpackPluginInstance;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain JavaScript without declarations: loaded by path, typed above
export const webpackConfig = require(path.join(ROOT, 'webpack.config.js')) as WebpackConfigModule;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain JavaScript without declarations: loaded by path, typed above
export const { BundleSizePlugin } = require(
  path.join(ROOT, 'addin', 'build', 'bundle-size-plugin.js'),
) as BundleSizeModule;
