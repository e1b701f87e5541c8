/** Finite-difference gradient checking for scalar functions of one tensor (used by the loss and task tests). */
import { tf } from '../engine/index.ts';

/** The largest disagreement between the autodiff and the central-difference gradient. */
export interface GradientCheckResult {
  maxAbsoluteError: number;
  /** |analytic − numeric| / max(1, |numeric|), the largest over all coordinates. */
  maxRelativeError: number;
  analytic: Float32Array;
  numeric: Float64Array;
}

/**
 * Compares `tf.grad(f)` at `x` with central differences (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, accumulated
 * in float64. Tensors are float32, so pick h around 1e-2 … 1e-3 and expect errors around 1e-3.
 */
export function checkGradient(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, h = 5e-3): GradientCheckResult {
  const analyticTensor = tf.grad(f)(x);
  const analytic = analyticTensor.dataSync() as Float32Array;
  analyticTensor.dispose();
  const base = x.dataSync() as Float32Array;
  const numeric = new Float64Array(base.length);
  // Returns the shifted coordinate as float32 really stored it, so the difference quotient uses the true step.
  const probe = (i: number, delta: number): [number, number] => {
    const shifted = Float32Array.from(base);
    shifted[i] += delta;
    return [shifted[i], tf.tidy(() => f(tf.tensor(shifted, x.shape, 'float32')).dataSync()[0])];
  };
  let maxAbsoluteError = 0;
  let maxRelativeError = 0;
  for (let i = 0; i < base.length; i++) {
    const [xPlus, fPlus] = probe(i, h);
    const [xMinus, fMinus] = probe(i, -h);
    numeric[i] = (fPlus - fMinus) / (xPlus - xMinus);
    const error = Math.abs(analytic[i] - numeric[i]);
    maxAbsoluteError = Math.max(maxAbsoluteError, error);
    maxRelativeError = Math.max(maxRelativeError, error / Math.max(1, Math.abs(numeric[i])));
  }
  return { maxAbsoluteError, maxRelativeError, analytic, numeric };
}
