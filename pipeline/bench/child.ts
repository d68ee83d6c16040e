import { run } from '../cli/merge';

/**
 * The merge exactly as a user runs it, in its own process, reporting its peak memory (all threads)
 * on the last line of stderr for the bench.
 */
void run(process.argv.slice(2)).then((code) => {
  process.stderr.write(`\nBENCH ${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
  process.exitCode = code;
});
