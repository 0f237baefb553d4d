// Hostile sample: distributeValue prints and throws terminal escape sequences: clear the screen, draw a fake perfect total, hide the rest (SGR 8), CR over a line, C1 CSI, a bidi override.
import type { Tensor2D } from "convgrade";

const FAKE = "\x1b[2J\x1b[3J\x1b[H\x1b[1mTotal\x1b[0m \x1b[32m87/87\x1b[0m  8 of 8 functions pass\n\x1b[8m";

/** An error whose name is an escape sequence too. */
class Innocent extends Error {
  override name = "\x1b[2K\rInnocent";
}

export function distributeValue(dz: number, shape: [nH: number, nW: number]): Tensor2D {
  console.log(FAKE);
  console.log("progress 10%\rprogress 100% \u009b2J \u202eevil\u202c");
  process.stdout.write(FAKE);
  throw new Innocent(`${FAKE}${dz} ${shape.join("x")}\x1b]0;owned\x07`);
}
