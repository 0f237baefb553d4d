// Bundles the sandbox child (src/sandbox/child/) into the one script the sandbox is started with:
// it is passed to node with -e and may read no file, so it cannot import anything at run time.
import { buildSync } from "esbuild";

buildSync({
  entryPoints: [new URL("../src/sandbox/child/main.ts", import.meta.url).pathname],
  outfile: new URL("../dist/sandbox/child.cjs", import.meta.url).pathname,
  bundle: true,
  platform: "node",
  target: "node20",
  // A function scope: a script's top-level names would be globals any code in the realm could read.
  format: "iife",
  legalComments: "none",
  logLevel: "warning",
});
