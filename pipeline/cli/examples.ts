import path from 'node:path';
import { EXAMPLES_DIR, QUARTERLY_DIR, writeExamples, writeQuarterlyExample } from '../examples';
import { DEFAULT_FRAMEWORK, loadFrameworkFile } from '../framework-file';
import { EXIT, program, reportFailure, runAsMain } from './common';

/**
 * `npm run examples`: the bundled, correctly filled example workbooks (one per commune), and the quarterly
 * example (its framework and four communes × four quarters, Bara's 2024-T4 missing).
 */
export async function run(argv: string[]): Promise<number> {
  try {
    const cli = program('examples', 'Génère les classeurs d’exemple remplis, un par commune, et l’exemple trimestriel.')
      .option('--out <dir>', 'dossier de sortie', EXAMPLES_DIR)
      .option('--period <label>', 'période des exemples')
      .option('--framework <file>', 'fichier du cadre de résultats', DEFAULT_FRAMEWORK)
      .option('--quarterly-out <dir>', 'dossier de l’exemple trimestriel (cadre et classeurs)', QUARTERLY_DIR)
      .parse(argv, { from: 'user' });
    const options = cli.opts<{ out: string; period?: string; framework: string; quarterlyOut: string }>();
    const framework = loadFrameworkFile(options.framework);
    const period = options.period ?? framework.periods[0]!.label;
    const files = await writeExamples(framework, path.resolve(options.out), period);
    files.push(...(await writeQuarterlyExample(framework, path.resolve(options.quarterlyOut))));
    for (const file of files) process.stdout.write(`${file}\n`);
    return EXIT.ok;
  } catch (err) {
    return reportFailure(err);
  }
}

runAsMain(module, run);
