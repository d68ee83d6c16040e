import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The folders whose TypeScript the compiled commands are built from. */
const SOURCE_DIRS = ['core', 'pipeline', 'templates'];

/**
 * The first source file (.ts under core/, pipeline/, templates/ of `root`) changed after `builtAt` (ms), or null.
 * A stat walk only, no compiling: a few milliseconds on a developer's clone; an unpacked release has no sources.
 */
export function newerSource(root: string, builtAt: number): string | null {
  const walk = (dir: string): string | null => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = walk(full);
        if (found) return found;
      } else if (entry.name.endsWith('.ts') && statSync(full).mtimeMs > builtAt) return full;
    }
    return null;
  };
  for (const dir of SOURCE_DIRS) {
    const full = path.join(root, dir);
    const found = existsSync(full) ? walk(full) : null;
    if (found) return path.relative(root, found);
  }
  return null;
}
