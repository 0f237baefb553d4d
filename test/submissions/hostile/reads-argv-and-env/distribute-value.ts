// Hostile sample: distributeValue reads every path it can find in its argv, its environment and the
// node binary's location, and answers correctly only if no read succeeds and nothing leaks.

function dirname(path: string): string {
  return path.slice(0, Math.max(1, path.lastIndexOf("/")));
}

/** Everything path-like the sandbox can see about itself. */
function candidatePaths(): string[] {
  const found = new Set<string>(["/proc/self/environ", "/proc/self/cmdline", "/proc/1/cmdline"]);
  if (typeof process.execPath === "string") found.add(process.execPath).add(dirname(process.execPath));
  for (const value of [...process.argv, ...process.execArgv, ...Object.values(process.env)]) {
    for (const part of String(value).split(/[=,:\s]/)) if (part.startsWith("/")) found.add(part);
  }
  return [...found];
}

export function distributeValue(dz: number, shape: [number, number]): number[][] {
  const read: string[] = [];
  for (const path of candidatePaths()) {
    try {
      (require("node:fs") as typeof import("node:fs")).readFileSync(path);
      read.push(path);
    } catch {
      // refused, as it should be
    }
  }
  console.log(`environment variables: ${Object.keys(process.env).length}; paths read outside the submission: ${read.length}`);
  const [nH, nW] = shape;
  const value = read.length === 0 ? dz / (nH * nW) : 0;
  return Array.from({ length: nH }, () => new Array<number>(nW).fill(value));
}
