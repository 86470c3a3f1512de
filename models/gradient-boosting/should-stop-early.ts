/**
 * scikit-learn's _should_stop with scoring = loss: stop when none of the last `patience` losses
 * beats the one before them by more than `tol`.
 */
export function shouldStopEarly(losses: readonly number[], patience: number, tol: number): boolean {
  if (losses.length < patience + 1) return false;
  const reference = losses[losses.length - patience - 1]! - tol;
  return losses.slice(-patience).every((loss) => !(loss < reference));
}
