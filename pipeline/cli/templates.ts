import path from 'node:path';
import { loadFrameworkFile, DEFAULT_FRAMEWORK } from '../framework-file';
import { TEMPLATES_DIR, writeTemplates } from '../templates';
import { EXIT, program, reportFailure, runAsMain } from './common';

/** `npm run templates -- --out DIR`: one .xlsx template per commune of the framework. */
export async function run(argv: string[]): Promise<number> {
  try {
    const cli = program('templates', 'Génère un modèle Excel par commune à partir du cadre de résultats.')
      .option('--out <dir>', 'dossier de sortie', TEMPLATES_DIR)
      .option('--framework <file>', 'fichier du cadre de résultats', DEFAULT_FRAMEWORK)
      .parse(argv, { from: 'user' });
    const options = cli.opts<{ out: string; framework: string }>();
    const framework = loadFrameworkFile(options.framework);
    const files = await writeTemplates(framework, path.resolve(options.out));
    for (const file of files) process.stdout.write(`${file}\n`);
    process.stderr.write(`${files.length} modèles écrits (cadre ${framework.id} ${framework.version}).\n`);
    return EXIT.ok;
  } catch (err) {
    return reportFailure(err);
  }
}

runAsMain(module, run);
