import path from 'node:path';
import type webpack from 'webpack';

/** What webpack.config.js exports (a CommonJS file), typed for the tests. */
export interface WebpackConfigModule {
  (env?: Record<string, unknown>, argv?: { mode?: string }): Promise<webpack.Configuration>;
  rewriteManifest(xml: string, baseUrl: string): string;
  productionUrl(env?: Record<string, string>): string;
}

export const ROOT = path.resolve(__dirname, '..', '..', '..');

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const webpackConfig = require(path.join(ROOT, 'webpack.config.js')) as WebpackConfigModule;

/** addin/build/bundle-size-plugin.js, typed. */
export interface BundleSizePluginClass {
  new (options: { limitKb: number; log?: (line: string) => void }): webpack.WebpackPluginInstance;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { BundleSizePlugin } = require(path.join(ROOT, 'addin', 'build', 'bundle-size-plugin.js')) as {
  BundleSizePlugin: BundleSizePluginClass;
};
