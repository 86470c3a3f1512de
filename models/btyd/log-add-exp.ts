/** ln(e^u + e^v) without overflow or underflow. */
export function logAddExp(u: number, v: number): number {
  const larger = Math.max(u, v);
  if (larger === Number.NEGATIVE_INFINITY) return larger;
  return larger + Math.log1p(Math.exp(Math.min(u, v) - larger));
}
