/** Activation functions by Keras name. */
import { tf } from '../engine/index.ts';

/** The activations Maxella layers accept. */
export type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh';

/** Applies `activation` to `x`. */
export function activate(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
    default:
      throw new Error(`unknown activation '${activation as string}' (expected linear, relu, sigmoid or tanh)`);
  }
}
