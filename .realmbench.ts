import { readFileSync, readdirSync } from "node:fs";
import { transform } from "sucrase";
import { setBootstrap, setFiles, loadExport } from "./src/sandbox/child/realms.ts";
import { realmSource } from "./src/sandbox/realm-source.ts";
const dir = "/work/main/test/submissions/pass/loops";
const files: Record<string, { code: string }> = {};
for (const f of readdirSync(dir)) if (f.endsWith(".ts")) files[`${dir}/${f}`] = { code: transform(readFileSync(`${dir}/${f}`, "utf8"), { transforms: ["typescript", "imports"], disableESTransforms: true, production: true }).code };
setBootstrap(realmSource());
setFiles(files);
const fx = JSON.parse(readFileSync("/work/main/fixtures/conv-forward.json", "utf8"));
const mode = process.argv[2] ?? "realm";
for (let rep = 0; rep < 3; rep++) {
  const t0 = performance.now();
  const loaded = loadExport("r" + rep, `${dir}/conv-forward.ts`, "convForward") as any;
  const t1 = performance.now();
  const times: number[] = [];
  for (const c of fx.cases) {
    const s = performance.now();
    if (mode === "realm") loaded.realm.api.call(loaded.fn, c.args);
    times.push(Math.round(performance.now() - s));
  }
  console.log(`rep ${rep} load ${(t1 - t0).toFixed(1)} cases ${times.join(" ")} total ${(performance.now() - t0).toFixed(0)}`);
}
