export type Objective = (point: readonly number[]) => number;

export interface NelderMeadOptions {
  /** Edge length of the starting simplex along each axis. Default 0.5. */
  initialStep?: number;
  /** Default 500 per dimension. */
  maxIterations?: number;
  /** Stop when all vertex values are within this of the best. Default 1e-10. */
  valueTolerance?: number;
  /** ...and all vertices are within this of the best in every coordinate. Default 1e-8. */
  pointTolerance?: number;
}

export interface MinimizationResult {
  point: number[];
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

interface Vertex {
  point: number[];
  value: number;
}

const REFLECTION = 1;
const EXPANSION = 2;
const CONTRACTION = 0.5;
const SHRINK = 0.5;

/**
 * Derivative-free minimization by the Nelder-Mead simplex method with the standard coefficients
 * (Lagarias et al. 1998). NaN objective values count as +Infinity, so the simplex steps away from
 * regions where the objective is undefined.
 */
export function nelderMead(
  objective: Objective,
  start: readonly number[],
  options: NelderMeadOptions = {},
): MinimizationResult {
  const dimension = start.length;
  const initialStep = options.initialStep ?? 0.5;
  const maxIterations = options.maxIterations ?? 500 * dimension;
  const valueTolerance = options.valueTolerance ?? 1e-10;
  const pointTolerance = options.pointTolerance ?? 1e-8;
  let evaluations = 0;
  const evaluate = (point: number[]): Vertex => {
    evaluations += 1;
    const value = objective(point);
    return { point, value: Number.isNaN(value) ? Number.POSITIVE_INFINITY : value };
  };

  let simplex: Vertex[] = [evaluate([...start])];
  for (let axis = 0; axis < dimension; axis += 1) {
    simplex.push(evaluate(start.map((coordinate, index) => (index === axis ? coordinate + initialStep : coordinate))));
  }

  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    simplex.sort((left, right) => left.value - right.value);
    const best = simplex[0] as Vertex;
    const worst = simplex[dimension] as Vertex;
    const secondWorst = simplex[dimension - 1] ?? best;
    if (hasConverged(simplex, valueTolerance, pointTolerance)) {
      return { ...best, iterations: iteration, evaluations, converged: true };
    }

    const centroid = centroidOf(simplex.slice(0, dimension));
    const reflected = evaluate(along(centroid, worst.point, -REFLECTION));
    if (reflected.value < best.value) {
      const expanded = evaluate(along(centroid, worst.point, -REFLECTION * EXPANSION));
      simplex[dimension] = expanded.value < reflected.value ? expanded : reflected;
    } else if (reflected.value < secondWorst.value) {
      simplex[dimension] = reflected;
    } else {
      const outside = reflected.value < worst.value;
      const contracted = outside
        ? evaluate(along(centroid, worst.point, -REFLECTION * CONTRACTION))
        : evaluate(along(centroid, worst.point, CONTRACTION));
      if (contracted.value < (outside ? reflected.value : worst.value)) {
        simplex[dimension] = contracted;
      } else {
        simplex = simplex.map((vertex, index) =>
          index === 0 ? vertex : evaluate(along(best.point, vertex.point, SHRINK)),
        );
      }
    }
  }
  simplex.sort((left, right) => left.value - right.value);
  const best = simplex[0] as Vertex;
  return { ...best, iterations: maxIterations, evaluations, converged: false };
}

/** origin + factor * (target - origin). */
function along(origin: readonly number[], target: readonly number[], factor: number): number[] {
  return origin.map((coordinate, index) => coordinate + factor * ((target[index] ?? coordinate) - coordinate));
}

function centroidOf(vertices: readonly Vertex[]): number[] {
  const sum = vertices[0]?.point.map(() => 0) ?? [];
  for (const { point } of vertices) point.forEach((coordinate, index) => (sum[index] = (sum[index] ?? 0) + coordinate));
  return sum.map((total) => total / vertices.length);
}

function hasConverged(sortedSimplex: readonly Vertex[], valueTolerance: number, pointTolerance: number): boolean {
  const [best, ...others] = sortedSimplex;
  if (best === undefined) return true;
  const isCloseToBest = (vertex: Vertex): boolean =>
    Math.abs(vertex.value - best.value) <= valueTolerance &&
    vertex.point.every((coordinate, index) => {
      const bestCoordinate = best.point[index] ?? coordinate;
      return Math.abs(coordinate - bestCoordinate) <= pointTolerance;
    });
  return others.every(isCloseToBest);
}
