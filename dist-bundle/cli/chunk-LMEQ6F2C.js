// src/tensor.ts
function shapeUpTo(value, maxRank) {
  const shape = [];
  for (let node = value; Array.isArray(node) && shape.length < maxRank; node = node[0]) shape.push(node.length);
  return shape;
}
function shapeOf(value) {
  return shapeUpTo(value, Infinity);
}
function firstAt(value, depth) {
  let node = value;
  for (let i = 0; i < depth && Array.isArray(node); i++) node = node[0];
  return node;
}
function elementAt(value, index) {
  let node = value;
  for (const i of index) {
    if (!Array.isArray(node)) return void 0;
    node = node[i];
  }
  return node;
}
function leaves(value) {
  return Array.isArray(value) ? value.flatMap(leaves) : [value];
}
function findRagged(value, rank) {
  const shape = shapeUpTo(value, rank);
  const walk = (node, axis, path) => {
    if (axis === rank || !Array.isArray(node)) return void 0;
    if (node.length !== shape[axis]) {
      return { path, message: `ragged array: length ${node.length} on axis ${axis}, expected ${shape[axis]} like the first row` };
    }
    for (let i = 0; i < node.length; i++) {
      const found = walk(node[i], axis + 1, [...path, i]);
      if (found) return found;
    }
    return void 0;
  };
  return walk(value, 0, []);
}
function walkPair(got, expected, onLeaf, onMismatch) {
  const index = [];
  const walk = (g, e) => {
    if (!Array.isArray(e)) return onLeaf(g, e, index);
    if (!Array.isArray(g) || g.length !== e.length) return onMismatch(g, e, index);
    for (let i = 0; i < e.length; i++) {
      index.push(i);
      const found = walk(g[i], e[i]);
      index.pop();
      if (found !== void 0) return found;
    }
    return void 0;
  };
  return walk(got, expected);
}

export {
  shapeUpTo,
  shapeOf,
  firstAt,
  elementAt,
  leaves,
  findRagged,
  walkPair
};
