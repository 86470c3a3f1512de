import * as tf from '@tensorflow/tfjs';

/**
 * Zero-inflated lognormal (Wang, Liu & Miao 2019): the network's three outputs are the logit of
 * P(any purchase in the horizon), and mu and sigma of the lognormal spend given a purchase.
 * One head gives both churn (1 - P) and expected spend (P * E[lognormal]), so they agree.
 */
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
export const SIGMA_MIN = 1e-3;
export const SIGMA_MAX = 3;

const column = (t: tf.Tensor, i: number): tf.Tensor => t.slice([0, i], [-1, 1]);
export const zilnSigma = (raw: tf.Tensor): tf.Tensor => tf.clipByValue(tf.softplus(raw), SIGMA_MIN, SIGMA_MAX);

/** `target` is [n, 3] with the observed spend in column 0 (the other columns are padding). */
export function zilnLoss(target: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const yTrue = column(target, 0);
    const positive = tf.cast(tf.greater(yTrue, 0), 'float32');
    const logit = column(yPred, 0);
    const mu = column(yPred, 1);
    const sigma = zilnSigma(column(yPred, 2));
    const classification = tf.losses.sigmoidCrossEntropy(positive, logit);
    const logY = tf.log(tf.add(tf.mul(positive, yTrue), tf.sub(1, positive)));
    const negLogLikelihood = tf.add(
      tf.add(logY, tf.add(tf.log(sigma), LOG_SQRT_2PI)),
      tf.div(tf.square(tf.sub(logY, mu)), tf.mul(2, tf.square(sigma))),
    );
    const regression = tf.div(tf.sum(tf.mul(positive, negLogLikelihood)), tf.maximum(tf.sum(positive), 1));
    return tf.add(classification, tf.mul(regression, tf.mean(positive))) as tf.Scalar;
  });
}
