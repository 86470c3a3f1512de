/**
 * A round bin width (1, 2 or 5 x 10^k) that cuts [0, upper] into about `targetBins` bins, so the
 * histogram's edges read as plain numbers.
 */
export function niceBinWidth(upper: number, targetBins = 30): number {
  if (!(upper > 0) || !Number.isFinite(upper)) return 1;
  const raw = upper / targetBins;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10;
  return step * magnitude;
}
