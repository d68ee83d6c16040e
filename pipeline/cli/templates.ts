import path from 'node:path';
import { loadFrameworkFile, DEFAULT_FRAMEWORK } from '../framework-file';
import { TEMPLATES_DIR, writeTemplates } from '../templates';
import { EXIT, program, reportFailure, runAsMain } from './common';

/** `npm run templates -- [--period 2024-T2] [--out DIR]`: one .xlsx template per commune, for one period or generic. */
export async function run(argv: string[]): Promise<number> {
  try {
    const cli = program('templates', 'Génère un modèle Excel par commune à partir du cadre de résultats.')
      .option('--out <dir>', 'dossier de sortie', TEMPLATES_DIR)
      .option('--framework <file>', 'fichier du cadre de résultats', DEFAULT_FRAMEWORK)
      .option(
        '--period <label>',
        'période de rapportage des modèles (cibles de la période dans « Prévu ») ; sans elle, modèles génériques',
      )
      .parse(argv, { from: 'user' });
    const options = cli.opts<{ out: string; framework: string; period?: string }>();
    const framework = loadFrameworkFile(options.framework);
    const files = await writeTemplates(framework, path.resolve(options.out), options.period);
    for (const file of files) process.stdout.write(`${file}\n`);
    process.stderr.write(
      `${files.length} modèles écrits (cadre ${framework.id} ${framework.version}${options.period ? `, période ${options.period}` : ', génériques'}).\n`,
    );
    return EXIT.ok;
  } catch (err) {
    return reportFailure(err);
  }
}

runAsMain(module, run);
