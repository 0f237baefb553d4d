// Bundles the sandbox child (src/sandbox/child/) into the one script the sandbox is started with:
// it is passed to node with -e and may read no file, so it cannot import anything at run time. The
// fork server (src/sandbox/zygote/) likewise.
// Bundles the realm bootstrap (src/sandbox/child/realm/) into the one expression the child evaluates
// in each new realm; the host reads it (src/sandbox/realm-source.ts) and sends it in its hello.

import { writeFileSync } from "node:fs";
import { buildSync } from "esbuild";

const path = (relative) => new URL(relative, import.meta.url).pathname;

/** One script passed to node with -e. A function scope: a script's top-level names would be globals any code in the realm could read. */
function bundleScript(entry, out) {
  buildSync({
    entryPoints: [path(entry)],
    outfile: path(out),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "iife",
    legalComments: "none",
    logLevel: "warning",
  });
}

bundleScript("../src/sandbox/child/main.ts", "../dist/sandbox/child.cjs");
// The fork server (src/sandbox/zygote/), which loads the child's code above and forks processes that run it.
bundleScript("../src/sandbox/zygote/main.ts", "../dist/sandbox/zygote.cjs");

/**
 * The bootstrap as an expression whose value is bootstrapRealm. esbuild has no such format: the module
 * bundle (neutral platform: no Node module can be imported) gets its one export statement replaced by a
 * return, inside a strict function scope, so that none of its names becomes a global of the realm.
 */
function buildRealmBootstrap() {
  const { outputFiles } = buildSync({
    entryPoints: [path("../src/sandbox/child/realm/bootstrap.ts")],
    bundle: true,
    write: false,
    platform: "neutral",
    target: "node20",
    format: "esm",
    legalComments: "none",
    logLevel: "warning",
  });
  const code = outputFiles[0].text;
  const tail = /\nexport \{\n {2}(\w+)(?: as bootstrapRealm)?\n\};\n$/;
  const exported = tail.exec(code);
  if (!exported) throw new Error("realm bootstrap: the bundle must end with its one export, bootstrapRealm");
  // esbuild's helpers (__defProp, __export, ...) read globals when they run: the bootstrap must need none.
  if (/^var __\w+ = /m.test(code)) throw new Error("realm bootstrap: the bundle needs esbuild's runtime helpers; write the code so that it does not");
  const body = code.slice(0, exported.index + 1);
  writeFileSync(path("../dist/sandbox/realm-bootstrap.js"), `(() => {\n"use strict";\n${body}return ${exported[1]};\n})()\n`);
}

buildRealmBootstrap();
