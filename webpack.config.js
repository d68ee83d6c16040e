/**
 * Builds the Excel add-in into dist/: the task pane (addin/taskpane), the ribbon's function file,
 * the icons and the manifest.
 *
 *   npm run build        production build; the manifest's https://localhost:<port>/ URLs become the
 *                        production URL: env ADDIN_PRODUCTION_URL, else package.json config.production_url
 *   npm run build:dev    development build, manifest left on https://localhost:<port>/
 *   npm run dev-server   serves the pane over HTTPS (office-addin-dev-certs) on config.dev_server_port
 *
 * Options: --env outputPath=DIR (default dist/), ADDIN_MAX_GZIP_KB (default 250: the build fails
 * when the pane's own JavaScript is larger than this, gzipped).
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { BundleSizePlugin } = require('./addin/build/bundle-size-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const pkg = require('./package.json');

/** The dev URLs as written in manifest.xml, and its AppDomain (an origin, without a path). */
const DEV_URL_PATTERN = /https:\/\/localhost:\d+\//g;
const DEV_DOMAIN_PATTERN = /<AppDomain>https:\/\/localhost:\d+\/?<\/AppDomain>/g;

/** manifest.xml with its dev URLs pointing at `baseUrl` (a folder URL ending with /). */
function rewriteManifest(xml, baseUrl) {
  const origin = new URL(baseUrl).origin;
  return xml.replace(DEV_DOMAIN_PATTERN, `<AppDomain>${origin}</AppDomain>`).replace(DEV_URL_PATTERN, baseUrl);
}

function productionUrl() {
  const raw = (process.env.ADDIN_PRODUCTION_URL || (pkg.config && pkg.config.production_url) || '').trim();
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `The production URL « ${raw} » is not a URL: set package.json config.production_url or ADDIN_PRODUCTION_URL.`,
    );
  }
  if (url.protocol !== 'https:')
    throw new Error(`The production URL must use https (Office refuses anything else): ${raw}`);
  if (url.search || url.hash) throw new Error(`The production URL must be a plain folder URL, without ? or #: ${raw}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function devPort() {
  return Number(process.env.npm_package_config_dev_server_port || (pkg.config && pkg.config.dev_server_port) || 3000);
}

module.exports = async function config(env = {}, argv = {}) {
  const mode = argv.mode || env.mode || 'production';
  const dev = mode === 'development';
  const port = devPort();
  const baseUrl = dev ? `https://localhost:${port}/` : productionUrl();

  const webpackConfig = {
    mode,
    context: __dirname,
    entry: { taskpane: './addin/taskpane/taskpane.ts' },
    output: {
      path: env.outputPath ? path.resolve(env.outputPath) : path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.js', '.json'] },
    devtool: dev ? 'source-map' : false,
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          options: {
            transpileOnly: true,
            configFile: path.resolve(__dirname, 'tsconfig.json'),
            compilerOptions: { module: 'esnext', sourceMap: dev },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './addin/taskpane/taskpane.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
        inject: 'body',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          { from: 'addin/taskpane/taskpane.css', to: 'taskpane.css' },
          { from: 'addin/commands/commands.html', to: 'commands.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => rewriteManifest(content.toString('utf8'), baseUrl),
          },
        ],
      }),
      new BundleSizePlugin({ limitKb: Number(process.env.ADDIN_MAX_GZIP_KB || 250) }),
    ],
    performance: { hints: false },
    stats: 'errors-warnings',
  };

  // Certificates are only needed to serve: `npm run build` never asks for them.
  if (env.WEBPACK_SERVE) {
    const devCerts = require('office-addin-dev-certs');
    webpackConfig.devServer = {
      port,
      hot: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: await devCerts.getHttpsServerOptions() },
    };
  }
  return webpackConfig;
};
module.exports.rewriteManifest = rewriteManifest;
module.exports.productionUrl = productionUrl;
