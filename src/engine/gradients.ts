/**
 * Registers tfjs-core's gradient functions.
 *
 * `@tensorflow/tfjs-core`'s Node entry (the CJS bundle) registers kernels' forward functions only;
 * the gradients live in its ESM build (`dist/register_all_gradients.js`), whose extensionless
 * relative imports Node cannot resolve. A tiny resolve hook adds the `.js`. Both copies of tfjs-core
 * share one engine and one kernel/gradient registry (tfjs keeps them on `globalThis`), so the
 * gradients land where the CJS `tf` looks for them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { IN_NODE, nodeModule } from '../util/platform.ts';

const EXTENSIONLESS_HOOK = `
export async function resolve(specifier, context, next) {
  const inTfjsCore = context.parentURL && context.parentURL.includes('/@tensorflow/tfjs-core/dist/');
  if (inTfjsCore && specifier.startsWith('.') && !specifier.endsWith('.js')) return next(specifier + '.js', context);
  return next(specifier, context);
}`;

/** Registers every tfjs-core gradient once (a no-op when they already are). */
export async function registerAllGradients(): Promise<void> {
  if (tf.getGradient(tf.RealDiv)) return;
  // A bundler (browsers) resolves the extensionless imports itself; Node needs the hook.
  if (IN_NODE) nodeModule('node:module', 'registerAllGradients').register(`data:text/javascript,${encodeURIComponent(EXTENSIONLESS_HOOK)}`);
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
}
