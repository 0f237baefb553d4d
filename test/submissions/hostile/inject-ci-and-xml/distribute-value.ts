// Hostile sample: distributeValue prints and throws GitHub workflow commands (indented too) and characters XML 1.0 forbids (U+FFFE, U+FFFF, NUL, a lone surrogate).
import type { Tensor2D } from "convgrade";

const COMMANDS = "::error file=exercises/zero-pad.ts,line=1::zeroPad is wrong\n    ::add-mask::Total\n\t::stop-commands::x\n\u00a0::warning::w\nsee ##[error]old form ##vso[task.complete result=Succeeded]";
const FORBIDDEN = "bad \ufffe \uffff \u0000 \ud800 \udfff end";

export function distributeValue(dz: number, shape: [nH: number, nW: number]): Tensor2D {
  console.log(COMMANDS);
  console.log(FORBIDDEN);
  process.stderr.write(`${COMMANDS}\n${FORBIDDEN}\n`);
  throw new Error(`${dz} ${shape.join("x")}\n${COMMANDS}\n${FORBIDDEN}`);
}
