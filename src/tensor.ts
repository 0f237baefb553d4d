/**
 * Walking nested arrays: the one place that knows how a tensor is laid out (shape, elements, rows).
 * Values may come from the learner (any structure, cycles included as wire tags), so every walk is
 * bounded: shapes follow first elements to a given rank, element walks follow the trusted side.
 */

/** The shape a value appears to have, following first elements: at most `maxRank` axes. */
export function shapeUpTo(value: unknown, maxRank: number): number[] {
  const shape: number[] = [];
  for (let node = value; Array.isArray(node) && shape.length < maxRank; node = node[0]) shape.push(node.length);
  return shape;
}

/** The shape of a value, following first elements (of a trusted value, or one the wire bounded in depth). */
export function shapeOf(value: unknown): number[] {
  return shapeUpTo(value, Infinity);
}

/** The first element `depth` axes down (value[0][0]...), or where the arrays stop. */
export function firstAt(value: unknown, depth: number): unknown {
  let node = value;
  for (let i = 0; i < depth && Array.isArray(node); i++) node = node[0];
  return node;
}

/** The element at an index (value[i][j]...), or undefined when the value has no such element. */
export function elementAt(value: unknown, index: readonly number[]): unknown {
  let node = value;
  for (const i of index) {
    if (!Array.isArray(node)) return undefined;
    node = node[i];
  }
  return node;
}

/** Every element that is not an array, in row-major order (objects count as one element). */
export function leaves(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(leaves) : [value];
}

/** The same nesting with every element that is not an array replaced by `fn(element, its index)`. */
export function mapLeaves<T>(value: T, fn: (leaf: number, index: readonly number[]) => number): T {
  const index: number[] = [];
  const walk = (node: unknown): unknown => {
    if (!Array.isArray(node)) return fn(node as number, index);
    return node.map((child, i) => {
      index.push(i);
      const mapped = walk(child);
      index.pop();
      return mapped;
    });
  };
  return walk(value) as T;
}

/** Where a nested array of the given rank is not rectangular: the path of the odd row and a message. */
export function findRagged(value: unknown, rank: number): { path: number[]; message: string } | undefined {
  const shape = shapeUpTo(value, rank);
  const walk = (node: unknown, axis: number, path: number[]): { path: number[]; message: string } | undefined => {
    if (axis === rank || !Array.isArray(node)) return undefined;
    if (node.length !== shape[axis]) {
      return { path, message: `ragged array: length ${node.length} on axis ${axis}, expected ${shape[axis]} like the first row` };
    }
    for (let i = 0; i < node.length; i++) {
      const found = walk(node[i], axis + 1, [...path, i]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(value, 0, []);
}

/** Called on a pair of nodes; a result other than undefined stops the walk and is returned. */
export type PairVisitor<T> = (got: unknown, expected: unknown, index: readonly number[]) => T | undefined;

/**
 * Walks `got` beside `expected` (trusted, rectangular), in row-major order: `onLeaf` at each element
 * of expected, `onMismatch` where expected has an array and got has none or one of another length.
 * The index passed is reused between calls: copy it to keep it.
 */
export function walkPair<T>(got: unknown, expected: unknown, onLeaf: PairVisitor<T>, onMismatch: PairVisitor<T>): T | undefined {
  const index: number[] = [];
  const walk = (g: unknown, e: unknown): T | undefined => {
    if (!Array.isArray(e)) return onLeaf(g, e, index);
    if (!Array.isArray(g) || g.length !== e.length) return onMismatch(g, e, index);
    for (let i = 0; i < e.length; i++) {
      index.push(i);
      const found = walk(g[i], e[i]);
      index.pop();
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(got, expected);
}
