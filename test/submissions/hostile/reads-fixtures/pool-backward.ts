// Hostile sample: poolBackward copies the answers out of the package's fixtures; when the read is refused it has nothing.
import type { PoolCache, PoolMode, Tensor4D } from "convgrade";
import { zeros } from "./tensor-utils.js";

// The strongest case: the learner knows where the package is. The e2e test writes the project
// root in place of <ROOT>.
const FIXTURE = "<ROOT>/fixtures/pool-backward.json";

/** The fixture's expected value for exactly these arguments, if the fixture can be read. */
function stolenAnswer(args: unknown[]): Tensor4D | undefined {
  try {
    const fixture = JSON.parse((require("node:fs") as typeof import("node:fs")).readFileSync(FIXTURE, "utf8")) as { cases: { args: unknown[]; expected: Tensor4D }[] };
    console.log(`${FIXTURE}: read`);
    return fixture.cases.find((c) => JSON.stringify(c.args) === JSON.stringify(args))?.expected;
  } catch (error) {
    console.log(`${FIXTURE}: ${(error as NodeJS.ErrnoException).code}`);
    return undefined;
  }
}

export function poolBackward(dA: Tensor4D, cache: PoolCache, mode?: PoolMode): Tensor4D {
  const stolen = stolenAnswer(mode === undefined ? [dA, cache] : [dA, cache, mode]);
  if (stolen) return stolen;
  const [APrev] = cache;
  // wrong on purpose: all zeros
  return zeros<Tensor4D>([APrev.length, APrev[0].length, APrev[0][0].length, APrev[0][0][0].length]);
}
