/**
 * Test setup for the losses, metrics and tasks: the engine on the cpu backend, with tfjs-core's
 * gradients registered. `@tensorflow/tfjs-core`'s Node entry registers no gradients, and its ESM
 * `register_all_gradients.js` uses extensionless imports that Node cannot resolve; a tiny resolve
 * hook adds the `.js`. (This belongs in src/engine; it lives here until the engine does it.)
 */
import { register } from 'node:module';
import { initEngine, tf } from '../engine/index.ts';

const EXTENSIONLESS_HOOK = `
export async function resolve(specifier, context, next) {
  const inTfjsCore = context.parentURL && context.parentURL.includes('/@tensorflow/tfjs-core/dist/');
  if (inTfjsCore && specifier.startsWith('.') && !specifier.endsWith('.js')) return next(specifier + '.js', context);
  return next(specifier, context);
}`;

/** Registers every tfjs-core gradient once (a no-op when they already are). */
export async function registerAllGradients(): Promise<void> {
  if (tf.getGradient(tf.RealDiv)) return;
  register(`data:text/javascript,${encodeURIComponent(EXTENSIONLESS_HOOK)}`);
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
}

/** Initialises the engine (cpu unless MAXELLA_BACKEND says otherwise) with gradients. */
export async function initTestEngine(): Promise<void> {
  await initEngine('cpu');
  await registerAllGradients();
}
