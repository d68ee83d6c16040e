// `npm install` / `npm ci` (npm's prepare step): compiles the commands into build/cli/ when the build tools
// are installed. With `--omit=dev` they are not: say so and let the install succeed (the release, which
// carries compiled commands, is what runs without the developer tools).
const { spawnSync } = require('node:child_process');

try {
  require.resolve('webpack');
  require.resolve('webpack-cli');
} catch {
  process.stderr.write(
    'Outils de développement absents (npm ci --omit=dev) : commandes non compilées. ' +
      'Installez-les (npm ci) ou utilisez la version publiée (npm run release).\n',
  );
  process.exit(0);
}
const npm = process.env.npm_execpath;
const result = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build:cli'], { stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build:cli'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
