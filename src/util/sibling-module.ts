/**
 * Child processes and worker threads run a module beside the caller's: from the TypeScript sources
 * (a checkout, run through tsx) that is `name.ts` under the tsx loader; from the compiled package
 * (`dist/`, plain node) it is `name.js` with no loader.
 */
import { fileURLToPath } from 'node:url';

/** The sibling module `name` of the module at `callerUrl` (its `import.meta.url`), and how to run it. */
export function siblingModule(callerUrl: string, name: string): { url: URL; path: string; fromSource: boolean; execArgv: string[] } {
  const fromSource = callerUrl.endsWith('.ts');
  const url = new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, callerUrl);
  return { url, path: fileURLToPath(url), fromSource, execArgv: fromSource ? ['--import', 'tsx'] : [] };
}
