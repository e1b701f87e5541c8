/**
 * Node.js built-ins reached without a static import. Modules that need the file system or a native
 * addon in only some of their functions (saving an artifact, loading hnswlib) get them here, so the
 * module itself still loads in a browser (and bundles there); those functions then say they need Node.
 */

/** True when running in Node.js (false in a browser or web worker). */
export const IN_NODE = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** The Node built-ins Maxella's portable modules use. */
interface NodeModules {
  'node:crypto': typeof import('node:crypto');
  'node:fs': typeof import('node:fs');
  'node:fs/promises': typeof import('node:fs/promises');
  'node:module': typeof import('node:module');
  'node:path': typeof import('node:path');
  'node:url': typeof import('node:url');
}

/** Node's built-in module `id`; in a browser, an error saying that `what` needs Node. */
export function nodeModule<K extends keyof NodeModules>(id: K, what: string): NodeModules[K] {
  if (!IN_NODE) throw new Error(`${what} needs Node.js (${id}); it is not available in a browser`);
  return process.getBuiltinModule(id) as NodeModules[K];
}

/** A `require` relative to the module at `url` (its `import.meta.url`), for CommonJS packages and native addons. */
export function nodeRequire(url: string, what: string): NodeJS.Require {
  return nodeModule('node:module', what).createRequire(url);
}

/** The environment variable `name` in Node; undefined in a browser. */
export function envVar(name: string): string | undefined {
  return IN_NODE ? process.env[name] : undefined;
}
