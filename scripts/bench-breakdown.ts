/**
 * Where the time of one check goes, each part measured on its own: the grader's start-up, one
 * sandbox from spawn to ready (through the kernel's walls), the fork server (zygote) from spawn to
 * ready and each sandbox it forks to ready, each function's grading once its
 * sandbox is ready (loading the learner's module, running the cases, comparing), the grader's own
 * work around them (fixtures, transpiling), and the report.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { format, median, timeCommand } from "./bench-clock.ts";

const runs = Number(process.env.BENCH_RUNS ?? 15);

export async function breakdown(root: string, submission: string, cacheDir: string): Promise<void> {
  const env = { ...process.env, CONVGRADE_CACHE_DIR: cacheDir };
  const host = pathToFileURL(join(root, "dist/sandbox/host.js")).href;
  // One sandbox to its first answer, in a script of its own; the same script without it is subtracted.
  const script = (count: number) =>
    `import { Sandbox } from ${JSON.stringify(host)};
     for (let i = 0; i < ${count}; i++) {
       const s = new Sandbox({ memoryMb: 256 });
       s.setFiles({ type: "init", files: {}, maxElements: 1 });
       await s.request({ type: "load", realm: "bench", file: "/none.ts", exportName: "f" }, 5000);
       await s.close();
     }`;
  // The same through a zygote: it, then `count` sandboxes forked one after the other, each to its first answer.
  const forked = (count: number) =>
    `import { Sandbox, startZygote } from ${JSON.stringify(host)};
     const zygote = startZygote({ memoryMb: 256 });
     if (!zygote) throw new Error("no fork server here");
     zygote.retain();
     for (let i = 0; i < ${count}; i++) {
       const s = new Sandbox({ memoryMb: 256 }, zygote);
       s.setFiles({ type: "init", files: {}, maxElements: 1 });
       await s.request({ type: "load", realm: "bench", file: "/none.ts", exportName: "f" }, 5000);
       await s.close();
     }
     await zygote.close();`;
  const parts: { label: string; wall: number[]; cpu: number[] }[] = [
    { label: "grader start-up (convgrade --version)", wall: [], cpu: [] },
    { label: "a script that starts no sandbox", wall: [], cpu: [] },
    { label: "the same starting one sandbox to ready", wall: [], cpu: [] },
    { label: "the same starting a zygote and one forked sandbox", wall: [], cpu: [] },
    { label: "the same starting a zygote and nine forked sandboxes", wall: [], cpu: [] },
  ];
  for (let i = 0; i < runs; i++) {
    const timed = [
      timeCommand(process.execPath, [join(root, "bin/convgrade.js"), "--version"], { cwd: root, env }),
      timeCommand(process.execPath, ["--input-type=module", "-e", script(0)], { cwd: root, env }),
      timeCommand(process.execPath, ["--input-type=module", "-e", script(1)], { cwd: root, env }),
      timeCommand(process.execPath, ["--input-type=module", "-e", forked(1)], { cwd: root, env }),
      timeCommand(process.execPath, ["--input-type=module", "-e", forked(9)], { cwd: root, env }),
    ];
    timed.forEach((t, k) => {
      parts[k].wall.push(t.ms);
      parts[k].cpu.push(t.cpuMs ?? Number.NaN);
    });
  }
  const [startup, bare, one, zygoteAndOne, zygoteAndNine] = parts.map((p) => ({ wall: median(p.wall), cpu: median(p.cpu) }));
  const child = { wall: (zygoteAndNine.wall - zygoteAndOne.wall) / 8, cpu: (zygoteAndNine.cpu - zygoteAndOne.cpu) / 8 };
  console.log(`\n  where a check's time goes (medians of ${runs}; each part alone)          wall        CPU`);
  console.log(`    grader start-up (node, convgrade's modules)               ${format(startup.wall)}   ${format(startup.cpu)}`);
  console.log(`    one sandbox, spawn to ready (walls, node, child, lockdown) ${format(one.wall - bare.wall)}   ${format(one.cpu - bare.cpu)}`);
  console.log(
    `    the fork server, spawn to ready (walls, node, child code)  ${format(zygoteAndOne.wall - bare.wall - child.wall)}   ${format(zygoteAndOne.cpu - bare.cpu - child.cpu)}`,
  );
  console.log(`    one sandbox forked by it, to its first answer             ${format(child.wall)}   ${format(child.cpu)}`);

  // Grading proper: a check in this process whose sandboxes were all started ahead and are idle.
  const { check, DiskCache } = (await import(pathToFileURL(join(root, "dist/index.js")).href)) as typeof import("../src/index.ts");
  const { Sandbox } = (await import(host)) as typeof import("../src/sandbox/host.ts");
  const { REPORTERS } = (await import(pathToFileURL(join(root, "dist/report/index.js")).href)) as typeof import("../src/report/index.ts");
  const perFunction = new Map<string, number[]>();
  const around: number[] = [];
  const reportMs: number[] = [];
  const { startZygote } = (await import(host)) as typeof import("../src/sandbox/host.ts");
  for (let i = 0; i < Math.min(runs, 7); i++) {
    // Forked, as a check's are where the fork server can be built.
    const zygote = startZygote({ memoryMb: 256 });
    const sandboxes = Array.from({ length: 8 }, () => new Sandbox({ memoryMb: 256 }, zygote));
    for (const sandbox of sandboxes) sandbox.warmUp();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const report = await check({ dir: submission, cache: new DiskCache(cacheDir), sandboxes, jobs: 1 });
    let graded = 0;
    for (const f of report.functions) {
      perFunction.set(f.name, [...(perFunction.get(f.name) ?? []), f.durationMs]);
      graded += f.durationMs;
    }
    around.push(report.durationMs - graded);
    const pieces: string[] = [];
    const started = performance.now();
    const reporter = (await REPORTERS.pretty())({ write: (t: string) => void pieces.push(t) }, { color: true, columns: 100, verbose: false });
    for (const result of report.functions) reporter.onEvent?.({ type: "function-result", result });
    reporter.onEnd(report);
    reportMs.push(performance.now() - started);
  }
  let total = 0;
  for (const [name, times] of perFunction) {
    total += median(times);
    console.log(`    ${`${name}: load, run its cases, compare`.padEnd(58)} ${format(median(times))}`);
  }
  console.log(`    ${"all eight functions, one after the other".padEnd(58)} ${format(total)}`);
  console.log(`    ${"the grader's own work around them (fixtures, transpile)".padEnd(58)} ${format(median(around))}`);
  console.log(`    ${"the pretty report".padEnd(58)} ${format(median(reportMs))}`);
}
