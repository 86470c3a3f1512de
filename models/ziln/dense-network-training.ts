import * as tf from '@tensorflow/tfjs';

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** TensorFlow.js's Adam defaults (its float32 epsilon). */
export const ADAM_DEFAULTS: Omit<AdamSettings, 'learningRate'> = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** The gradient of the loss's mean over a batch with respect to the network's outputs, from those outputs ([rows, out] each); returns the batch's summed loss. */
export type OutputGradient = (output: Float32Array, rows: number, gradient: Float32Array) => number;

/**
 * A stack of dense layers (relu between them, linear output) trained with Adam and an L2 penalty
 * on the hidden kernels, its backward pass and optimiser written out.
 *
 * TensorFlow.js's gradient tape and optimisers launch hundreds of kernels per step for a small
 * network (every elementwise operation of the loss and its gradient, Adam's dozen operations per
 * weight, the bias gradients' slow column sums) and the launches cost several times the
 * arithmetic. Here a step is about forty kernels: one fused product, bias and relu per layer
 * forward; the loss's gradient with respect to the outputs in a plain loop (three numbers a row);
 * products with explicit transposes backward (the backend's transposed products are several times
 * slower), bias gradients as a product with a row of ones; and Adam once over all the weights,
 * kept as one flat vector. The arithmetic is TensorFlow.js's Adam and relu gradient.
 */
export class DenseNetworkTrainer {
  /** Widths: input, hidden..., output. */
  private readonly sizes: number[];
  /** kernel, bias, kernel, bias... as TensorFlow.js's getWeights orders them. */
  private readonly shapes: number[][];
  private flat: tf.Tensor1D;
  private firstMoment: tf.Tensor1D;
  private secondMoment: tf.Tensor1D;
  /** 2 * l2 on the hidden kernels' weights, 0 elsewhere: the penalty's gradient is decay * weight. */
  private readonly decay: tf.Tensor1D;
  private readonly ones = new Map<number, tf.Tensor2D>();
  private readonly outputGradient: Float32Array;
  private step = 0;

  constructor(
    initial: { values: Float32Array; shape: number[] }[],
    private readonly maxRows: number,
    private readonly adam: AdamSettings,
    private readonly l2: number,
  ) {
    this.shapes = initial.map((w) => w.shape);
    this.sizes = [initial[0]!.shape[0]!, ...initial.filter((_, i) => i % 2 === 0).map((w) => w.shape[1]!)];
    const total = initial.reduce((sum, w) => sum + w.values.length, 0);
    const values = new Float32Array(total);
    const decay = new Float32Array(total);
    let offset = 0;
    initial.forEach((w, i) => {
      values.set(w.values, offset);
      if (i % 2 === 0 && i / 2 < this.layers - 1) decay.fill(2 * l2, offset, offset + w.values.length);
      offset += w.values.length;
    });
    this.flat = tf.tensor1d(values);
    this.decay = tf.tensor1d(decay);
    this.firstMoment = tf.zeros([total]);
    this.secondMoment = tf.zeros([total]);
    this.outputGradient = new Float32Array(maxRows * this.sizes.at(-1)!);
  }

  private get layers(): number {
    return this.sizes.length - 1;
  }

  /** The weights in getWeights order, split out of the flat vector (call inside a tidy). */
  private weights(): tf.Tensor[] {
    return tf.split(this.flat, this.shapes.map((shape) => shape.reduce((a, b) => a * b, 1))).map((w, i) => w.reshape(this.shapes[i]!));
  }

  /** The network's outputs for the rows of `x`, read back ([rows, out]). */
  predict(x: tf.Tensor2D): Float32Array {
    const output = tf.tidy(() => this.forward(x, this.weights()).output);
    const values = output.dataSync() as Float32Array;
    output.dispose();
    return values;
  }

  /** One Adam step on the batch `x`; `lossGradient` turns its outputs into their gradient. Returns the batch's summed loss (without the penalty). */
  train(x: tf.Tensor2D, lossGradient: OutputGradient): number {
    this.step += 1;
    const { learningRate, beta1, beta2, epsilon } = this.adam;
    const correction1 = 1 - beta1 ** this.step;
    const correction2 = 1 - beta2 ** this.step;
    let loss = 0;
    const [flat, m, v] = tf.tidy(() => {
      const gradient = this.gradient(x, lossGradient);
      loss = gradient.loss;
      const g = gradient.flat;
      const first = tf.add(tf.mul(this.firstMoment, beta1), tf.mul(g, 1 - beta1));
      const second = tf.add(tf.mul(this.secondMoment, beta2), tf.mul(tf.square(g), 1 - beta2));
      const stepSize = tf.div(tf.div(first, correction1), tf.add(tf.sqrt(tf.div(second, correction2)), epsilon));
      return [tf.sub(this.flat, tf.mul(stepSize, learningRate)), first, second] as tf.Tensor1D[];
    });
    tf.dispose([this.flat, this.firstMoment, this.secondMoment]);
    [this.flat, this.firstMoment, this.secondMoment] = [flat!, m!, v!];
    return loss;
  }

  /** The gradient of the batch's mean loss plus the penalty, flat in getWeights order (read back; for checks). */
  gradientOf(x: tf.Tensor2D, lossGradient: OutputGradient): Float32Array {
    const flat = tf.tidy(() => this.gradient(x, lossGradient).flat);
    const values = flat.dataSync() as Float32Array;
    flat.dispose();
    return values;
  }

  /** Call inside a tidy. */
  private gradient(x: tf.Tensor2D, lossGradient: OutputGradient): { flat: tf.Tensor1D; loss: number } {
    const rows = x.shape[0];
    if (rows > this.maxRows) throw new RangeError(`train: ${rows} rows, at most ${this.maxRows}`);
    const weights = this.weights();
    const { output, activations } = this.forward(x, weights);
    const outWidth = this.sizes.at(-1)!;
    const outputGradient = this.outputGradient.subarray(0, rows * outWidth);
    const loss = lossGradient(output.dataSync() as Float32Array, rows, outputGradient);
    const gradients = this.backward(tf.tensor2d(outputGradient, [rows, outWidth]), activations, weights);
    return { flat: tf.add(tf.concat(gradients.map((t) => t.reshape([-1]))), tf.mul(this.decay, this.flat)) as tf.Tensor1D, loss };
  }

  /** The L2 penalty on the hidden kernels. */
  penalty(): number {
    const value = tf.tidy(() => tf.mul(0.5, tf.sum(tf.mul(this.decay, tf.square(this.flat)))));
    const result = value.dataSync()[0]!;
    value.dispose();
    return result;
  }

  /** A copy of the current weights, flat. */
  snapshot(): Float32Array {
    return Float32Array.from(this.flat.dataSync());
  }

  /** Flat weights (as `snapshot` returns them) split into getWeights order. */
  split(flat: Float32Array): tf.Tensor[] {
    let offset = 0;
    return this.shapes.map((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const w = tf.tensor(flat.subarray(offset, offset + size), shape);
      offset += size;
      return w;
    });
  }

  dispose(): void {
    tf.dispose([this.flat, this.firstMoment, this.secondMoment, this.decay, ...this.ones.values()]);
    this.ones.clear();
  }

  private forward(x: tf.Tensor2D, weights: tf.Tensor[]): { output: tf.Tensor2D; activations: tf.Tensor2D[] } {
    const activations = [x];
    let h = x;
    for (let l = 0; l < this.layers; l += 1) {
      const last = l === this.layers - 1;
      h = tf.fused.matMul({ a: h, b: weights[2 * l] as tf.Tensor2D, bias: weights[2 * l + 1], activation: last ? 'linear' : 'relu' }) as tf.Tensor2D;
      if (!last) activations.push(h);
    }
    return { output: h, activations };
  }

  /**
   * The gradients of every weight (getWeights order) from the outputs' gradient. A kernel's
   * gradient is input^T · delta; the backend's transposed products are slow, so one side is
   * transposed explicitly, whichever is narrower (delta^T · input, transposed back, when the layer
   * has fewer outputs than inputs).
   */
  private backward(outputGradient: tf.Tensor2D, activations: tf.Tensor2D[], weights: tf.Tensor[]): tf.Tensor[] {
    const gradients: tf.Tensor[] = new Array(weights.length);
    const ones = this.rowOfOnes(outputGradient.shape[0]);
    let delta = outputGradient;
    for (let l = this.layers - 1; l >= 0; l -= 1) {
      const input = activations[l]!;
      gradients[2 * l] = this.sizes[l + 1]! < this.sizes[l]! ? tf.transpose(tf.matMul(tf.transpose(delta), input)) : tf.matMul(tf.transpose(input), delta);
      gradients[2 * l + 1] = tf.matMul(ones, delta);
      if (l === 0) break;
      // relu's gradient: nothing flows back where the layer's output was 0.
      delta = tf.mul(tf.matMul(delta, tf.transpose(weights[2 * l]!)), tf.step(input));
    }
    return gradients;
  }

  private rowOfOnes(rows: number): tf.Tensor2D {
    let ones = this.ones.get(rows);
    if (!ones) {
      ones = tf.keep(tf.ones([1, rows]));
      this.ones.set(rows, ones);
    }
    return ones;
  }
}
