/**
 * Builds the Excel add-in into dist/: the task pane (addin/taskpane), the ribbon's function file,
 * the icons and the manifest.
 *
 *   npm run build        production build; the manifest's https://localhost:<port>/ URLs become the
 *                        production URL: --env productionUrl=…, else env ADDIN_PRODUCTION_URL, else
 *                        package.json config.production_url. None set, or a placeholder: the build refuses.
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

/** The dev URLs as written in manifest.xml. */
const DEV_URL_PATTERN = /https:\/\/localhost:\d+\//g;

/**
 * manifest.xml with its dev URLs pointing at `baseUrl` (a folder URL ending with /), and its opening comment
 * (which speaks of the development server) saying what the file is now.
 */
function rewriteManifest(xml, baseUrl) {
  const comment =
    '<!-- Manifest of the Excel add-in « Contrôles S&E », built by npm run build: deploy this file (Microsoft 365 admin centre). -->';
  return xml.replace(/<!--[\s\S]*?-->/, comment).replace(DEV_URL_PATTERN, baseUrl);
}

const HOW_TO_SET =
  'ADDIN_PRODUCTION_URL=https://<serveur de l’organisation>/<dossier>/ devant npm run build ou npm run release (ou "config": { "production_url": … } dans package.json) ; npm run build:dev construit pour https://localhost:3000/';

/**
 * Hosts that can never serve the add-in to users: RFC 2606 / 6761 reserved names, this machine, a name
 * without a domain (`votre-site`), and the example names of our own docs (`exemple-ong.org`, `votre-site.org`).
 */
function isPlaceholderHost(hostname) {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  return (
    !host.includes('.') ||
    labels.some((label) => /^(exemple|example|votre|your)(-|$)/.test(label)) ||
    /(^|\.)example\.(org|com|net)$/.test(host) ||
    /(^|\.)(example|test|invalid|localhost)$/.test(host) ||
    /^127\./.test(host) ||
    host === '[::1]' ||
    host === '0.0.0.0'
  );
}

class BuildRefused extends Error {}

function buildError(message) {
  return new BuildRefused(message);
}

/** The production URL; from the command line (webpack-cli sets env.WEBPACK_BUILD), a refusal is one line, no stack. */
function productionUrlOrExit(env) {
  try {
    return productionUrl(env);
  } catch (error) {
    if (!(error instanceof BuildRefused) || !env.WEBPACK_BUILD) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/**
 * The folder URL the production manifest points at: `--env productionUrl=…`, else ADDIN_PRODUCTION_URL,
 * else package.json config.production_url. Refuses none, a non-https URL and placeholder hosts: a manifest
 * pointing there installs nowhere.
 */
function productionUrl(env = {}) {
  const raw = String(
    env.productionUrl || process.env.ADDIN_PRODUCTION_URL || (pkg.config && pkg.config.production_url) || '',
  ).trim();
  if (!raw)
    throw buildError(
      `Construction de production refusée : adresse HTTPS du complément non définie. Donnez-la : ${HOW_TO_SET}.`,
    );
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw buildError(`Construction de production refusée : « ${raw} » n’est pas une adresse web. ${HOW_TO_SET}.`);
  }
  if (url.protocol !== 'https:')
    throw buildError(
      `Construction de production refusée : « ${raw} » doit commencer par https:// (Office refuse le reste).`,
    );
  if (isPlaceholderHost(url.hostname))
    throw buildError(
      `Construction de production refusée : « ${raw} » est une adresse d’exemple ou locale, où personne ne peut charger le complément. ${HOW_TO_SET}.`,
    );
  if (url.search || url.hash || url.username || url.password)
    throw buildError(
      `Construction de production refusée : « ${raw} » doit être l’adresse d’un dossier, sans ?, # ni identifiants.`,
    );
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function devPort() {
  return Number(process.env.npm_package_config_dev_server_port || (pkg.config && pkg.config.dev_server_port) || 3000);
}

module.exports = async function config(env = {}, argv = {}) {
  const mode = argv.mode || env.mode || 'production';
  const dev = mode === 'development';
  const port = devPort();
  const baseUrl = dev ? `https://localhost:${port}/` : productionUrlOrExit(env);

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
      // The help page: a build-time template (TypeScript run by the plugin) that writes static HTML, no script.
      new HtmlWebpackPlugin({
        filename: 'aide.html',
        template: './addin/help/aide.ts',
        inject: false,
        chunks: [],
        minify: false,
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
module.exports.BuildRefused = BuildRefused;
