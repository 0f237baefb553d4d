/**
 * "Did you mean …?" for names a person typed: a function on the command line, a key in a fixture, an
 * environment variable. Edit distance over a handful of short names, so the plain quadratic form.
 */

/**
 * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbours as one
 * (optimal string alignment): "visiblity" is 1 from "visibility", and so is "hnit" from "hint".
 */
export function editDistance(a: string, b: string): number {
  let before = Array.from({ length: b.length + 1 }, () => 0);
  let above = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = above;
    above = row;
  }
  return above[b.length];
}

/**
 * The candidate closest to a mistyped name, ignoring case, or undefined when none is close enough to be
 * what was meant: at most `maxDistance` edits, by default a third of the name's length (1 to 3).
 */
export function closest(name: string, candidates: Iterable<string>, maxDistance = Math.min(3, Math.max(1, Math.ceil(name.length / 3)))): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
