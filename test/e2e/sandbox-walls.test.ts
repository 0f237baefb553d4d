// Attacks that git cannot hold (links, FIFOs, descriptors) or that need private fixtures, built by
// the test itself: the file system reaches nothing past the submission, code frames come only from
// files the grader read, hidden cases leak nowhere, and the sandbox holds no privilege.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, runCli } from "./_run-cli.js";

const work = mkdtempSync(join(tmpdir(), "convgrade-walls-"));
test.after(() => rmSync(work, { recursive: true, force: true }));
const PASSWD = readFileSync("/etc/passwd", "utf8").split("\n")[0];

/** A copy of the correct loops submission, with files replaced. */
function submission(name: string, files: Record<string, string> = {}): string {
  const dir = join(work, name);
  cpSync(join(ROOT, "test/submissions/pass/loops"), dir, { recursive: true });
  rmSync(join(dir, "expected.json"));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

async function grade(dir: string, extra: string[] = []) {
  const run = await runCli(["check", "--dir", dir, "--reporter", "json", ...extra]);
  assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as {
    score: number;
    functions: { name: string; status: string; score: number; message?: string; output?: string; cases: { message?: string }[] }[];
  };
  return { run, report, fn: (name: string) => report.functions.find((f) => f.name === name)! };
}

test("links, FIFOs and devices in the submission are never read: only the functions that use them fail", async () => {
  const dir = submission("links");
  rmSync(join(dir, "zero-pad.ts"));
  symlinkSync("/etc/passwd", join(dir, "zero-pad.ts"));
  rmSync(join(dir, "conv-single-step.ts"));
  execFileSync("mkfifo", [join(dir, "conv-single-step.ts")]);
  symlinkSync("/dev/zero", join(dir, "zero-helper.ts"));
  symlinkSync("/", join(dir, "rootlink"));
  writeFileSync(
    join(dir, "distribute-value.ts"),
    `import { zeros } from "./tensor-utils.js";
export function distributeValue(dz: number, shape: [number, number]): number[][] {
  const attempts: [string, () => unknown][] = [
    ["./rootlink/etc/passwd", () => require("./rootlink/etc/passwd")],
    ["./rootlink/etc/passwd.ts", () => require("./rootlink/etc/passwd.ts")],
    ["./zero-helper", () => require("./zero-helper")],
  ];
  for (const [path, attempt] of attempts) {
    try { console.log(path, String(attempt()).slice(0, 40)); } catch (error) { console.log(path, (error as Error).message); }
  }
  const a = zeros<number[][]>([shape[0], shape[1]]);
  for (const row of a) row.fill(dz / (shape[0] * shape[1]));
  return a;
}
`,
  );
  const { run, fn } = await grade(dir);
  assert.doesNotMatch(run.stdout + run.stderr, new RegExp(PASSWD.slice(0, 12).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  assert.equal(fn("zeroPad").status, "error");
  assert.match(fn("zeroPad").message ?? "", /symbolic link/);
  assert.equal(fn("convSingleStep").status, "error");
  assert.match(fn("convSingleStep").message ?? "", /not a regular file/);
  assert.equal(fn("distributeValue").status, "pass");
  assert.match(fn("distributeValue").output ?? "", /\.\/rootlink\/etc\/passwd cannot find/);
  assert.match(fn("distributeValue").output ?? "", /\.\/zero-helper .*symbolic link/);
  for (const name of ["poolForward", "createMaskFromWindow"]) assert.equal(fn(name).status, "pass", name);
  assert.ok(run.ms < 20_000, `took ${run.ms} ms`);
});

test("a file over the size limit is refused, not read whole", async () => {
  const dir = submission("large", { "create-mask-from-window.ts": "// padding\n".repeat(60_000) });
  const { fn } = await grade(dir, ["create_mask_from_window"]);
  assert.equal(fn("createMaskFromWindow").status, "error");
  assert.match(fn("createMaskFromWindow").message ?? "", /larger than/);
});

test("code frames come only from files the grader read: forged stack traces name /etc/passwd in vain", async () => {
  const dir = submission("forged-stack");
  symlinkSync("/etc/passwd", join(dir, "linked.ts"));
  writeFileSync(
    join(dir, "distribute-value.ts"),
    `export function distributeValue(dz: number, shape: [number, number]): number[][] {
  const error = new Error("forged");
  error.stack = [
    "Error: forged",
    "    at a (/etc/passwd:1:1)",
    "    at b (${dir}/../../../../etc/passwd:1:1)",
    "    at c (${join(dir, "linked.ts")}:1:1)",
    "    at d (${join(dir, "zero-pad.ts")}:999999:1)",
  ].join("\\n");
  throw error;
}
`,
  );
  const { run, fn } = await grade(dir, ["distribute_value"]);
  assert.doesNotMatch(run.stdout, /root:/);
  const result = fn("distributeValue");
  assert.equal(result.status, "fail");
  assert.ok(
    result.cases.every((c) => !/passwd:1|\| root/.test(JSON.stringify(c))),
    JSON.stringify(result.cases[0]),
  );
});

test("a wildcard in the submission path grants nothing beside it", async () => {
  const parent = join(work, "wild");
  mkdirSync(parent);
  const dir = join(parent, "sub*");
  cpSync(join(ROOT, "test/submissions/pass/loops"), dir, { recursive: true });
  mkdirSync(join(parent, "sub-secret"));
  writeFileSync(join(parent, "sub-secret", "answers.txt"), "SECRET-ANSWERS");
  writeFileSync(
    join(dir, "distribute-value.ts"),
    readFileSync(join(dir, "distribute-value.ts"), "utf8") +
      `\ntry { console.log(require("node:fs").readFileSync(${JSON.stringify(join(parent, "sub-secret", "answers.txt"))}, "utf8")); } catch (error) { console.log("no: " + (error as Error).message); }\n`,
  );
  const { run, fn } = await grade(dir, ["distribute_value"]);
  assert.equal(fn("distributeValue").status, "pass");
  assert.doesNotMatch(run.stdout, /SECRET-ANSWERS/);
});

test("hidden cases leak through no shared object into another function's output", async () => {
  const fixtures = join(work, "private-fixtures");
  cpSync(join(ROOT, "fixtures"), fixtures, { recursive: true });
  const file = join(fixtures, "distribute-value.json");
  const fixture = JSON.parse(readFileSync(file, "utf8"));
  fixture.cases.push({
    name: "secret",
    args: [31337.25, [2, 2]],
    expected: [
      [7834.3125, 7834.3125],
      [7834.3125, 7834.3125],
    ],
    visibility: "hidden",
  });
  writeFileSync(file, JSON.stringify(fixture));
  const stashPlaces = `[globalThis, process, console, Math, Object.prototype, Array.prototype, Function.prototype, structuredClone, performance, process.stdout]`;
  const dir = submission("stash", {
    "distribute-value.ts": `export function distributeValue(dz: number, shape: [number, number]): number[][] {
  for (const place of ${stashPlaces}) { try { (place as any).__stash = ((place as any).__stash ?? "") + " " + dz; } catch {} }
  return Array.from({ length: shape[0] }, () => new Array(shape[1]).fill(dz / (shape[0] * shape[1])));
}
`,
    "create-mask-from-window.ts":
      readFileSync(join(ROOT, "test/submissions/pass/loops/create-mask-from-window.ts"), "utf8") +
      `\nconsole.log("found:" + ${stashPlaces}.map((place) => { try { return (place as any).__stash; } catch { return ""; } }).join("|"));\n`,
  });
  const { run, fn } = await grade(dir, ["--fixtures", fixtures]);
  assert.equal(fn("distributeValue").status, "pass");
  assert.equal(fn("createMaskFromWindow").status, "pass");
  assert.doesNotMatch(run.stdout, /31337/);
});

const hasPython = (() => {
  try {
    execFileSync("python3", ["-c", "0"]);
    return true;
  } catch {
    return false;
  }
})();

test("descriptors left open by the grader's caller do not reach the sandbox, which runs unprivileged when the grader is root", {
  skip: hasPython ? false : "needs python3 to open a descriptor without close-on-exec",
}, async () => {
  const dir = submission("fds");
  const log = join(work, "inherited.log");
  // The grader gets the file as its descriptor 200 (Node marks low ones close-on-exec itself); a script in its place reports what its sandbox sees.
  const probe = `
    import { Sandbox, sandboxCommand } from ${JSON.stringify(join(ROOT, "dist/sandbox/host.js"))};
    import { readdirSync, readFileSync, readlinkSync } from "node:fs";
    const sandbox = new Sandbox({ memoryMb: 64 });
    sandbox.setFiles({ type: "init", files: {}, maxElements: 10 });
    await sandbox.request({ type: "load", id: 0, realm: "r", file: "/none.ts", exportName: "f" }, 5000);
    // Behind unshare, node is the last of a chain of processes: unshare, the namespace's shell, node.
    let pid = sandbox.pid;
    for (let next; (next = readFileSync("/proc/" + pid + "/task/" + pid + "/children", "utf8").trim().split(" ")[0]); ) pid = Number(next);
    const fds = readdirSync("/proc/" + pid + "/fd").map((fd) => { try { return readlinkSync("/proc/" + pid + "/fd/" + fd); } catch { return ""; } });
    const uid = /Uid:\\s+(\\d+)/.exec(readFileSync("/proc/" + pid + "/status", "utf8"))[1];
    const network = readlinkSync("/proc/" + pid + "/ns/net") === readlinkSync("/proc/self/ns/net");
    // Its root is a tmpfs of its own holding only the system's read-only folders.
    const privateTmp = readFileSync("/proc/" + pid + "/mountinfo", "utf8").split("\\n").some((line) => line.split(" ")[4] === "/" && line.includes(" - tmpfs convgrade "));
    const isolated = !sandboxCommand([]).isolation.network;
    sandbox.close();
    console.log(JSON.stringify({ fds, uid: Number(uid), network, isolated, privateTmp }));`;
  const out = await new Promise<string>((resolve, reject) => {
    // Python opens it without close-on-exec, as a careless CI wrapper might, then becomes the grader.
    const opener =
      "import os,sys; fd=os.open(os.environ['LOG'], os.O_WRONLY|os.O_CREAT); os.dup2(fd, 200, inheritable=True); os.execv(os.environ['NODE'], [os.environ['NODE'], '--input-type=module', '-e', os.environ['PROBE']])";
    const child = spawn("python3", ["-c", opener], {
      cwd: dir,
      env: { ...process.env, LOG: log, NODE: process.execPath, PROBE: probe },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    child.on("error", reject);
    child.on("close", () => resolve(text));
  });
  const seen = JSON.parse(out) as { fds: string[]; uid: number; network: boolean; isolated: boolean; privateTmp: boolean };
  // Where unshare and setpriv work, the sandbox has a network and a root folder of its own.
  assert.equal(seen.network, !seen.isolated, out);
  assert.equal(seen.privateTmp, seen.isolated, out);
  assert.ok(seen.fds.length > 3, out);
  assert.ok(!seen.fds.includes(log), `the sandbox inherited the caller's descriptor: ${seen.fds.join(", ")}`);
  if (process.getuid?.() === 0) assert.equal(seen.uid, 65534);
  else assert.equal(seen.uid, process.getuid?.());
});

test("a helper the transpiler gives up on fails only the functions that import it", async () => {
  const dir = submission("slow-helper", {
    "slow.ts": `let x = ${"a<".repeat(1000)}b;\n`.repeat(120),
    "distribute-value.ts": `import "./slow";\n${readFileSync(join(ROOT, "test/submissions/pass/loops/distribute-value.ts"), "utf8")}`,
  });
  const { run, fn } = await grade(dir, ["--no-cache"]);
  assert.equal(fn("distributeValue").status, "error");
  assert.match(fn("distributeValue").message ?? "", /slow\.ts cannot be loaded: .*gave up on it after/);
  assert.equal(fn("poolBackward").status, "error");
  for (const name of ["zeroPad", "convForward", "poolForward", "convBackward", "createMaskFromWindow"]) assert.equal(fn(name).status, "pass", name);
  // The transpiler's limit is what cut it (the message above); this only catches a check that waited on.
  // Loose, for a machine busy with the rest of the suite: 18 s was seen at a load of 20 on 2 cores.
  assert.ok(run.ms < 60_000, `took ${run.ms} ms`);
});

test("a hard link to a file outside the submission is not read", async () => {
  const secretFile = join(work, "private-answers.ts");
  writeFileSync(secretFile, `export const answers = "HARDLINKED-SECRET";\nthis is a syntax error that would show a code frame\n`);
  const dir = submission("hardlink");
  linkSync(secretFile, join(dir, "answers.ts"));
  writeFileSync(
    join(dir, "distribute-value.ts"),
    `import { answers } from "./answers";\n` +
      readFileSync(join(ROOT, "test/submissions/pass/loops/distribute-value.ts"), "utf8") +
      `\nconsole.log(answers);\n`,
  );
  const { run, fn } = await grade(dir, ["distribute_value"]);
  assert.equal(fn("distributeValue").status, "error");
  assert.match(fn("distributeValue").message ?? "", /other hard links/);
  assert.doesNotMatch(run.stdout, /HARDLINKED-SECRET|syntax error that would/);
});

/**
 * A sandbox owned by its learner code, played by a child script of our own (the issue's escape gave
 * learner code the real process): it tries the network, the grader's process and the files the
 * grader can read. Run by a grader as the given user; returns what the sandbox saw and what the
 * listener on 127.0.0.1 received.
 */
async function ownedSandbox(as: "self" | "nobody", env: Record<string, string> = {}) {
  // A copy of dist/ that the unprivileged user can read, wherever the repository was cloned.
  const dist = mkdtempSync(join(tmpdir(), "convgrade-dist-"));
  cpSync(join(ROOT, "dist"), dist, { recursive: true });
  writeFileSync(join(dist, "package.json"), '{"type":"module"}');
  execFileSync("chmod", ["-R", "a+rX", dist]);
  const received: string[] = [];
  const server = createServer((socket) => {
    received.push("connection");
    socket.on("data", (data) => received.push(String(data)));
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  // An abstract Unix socket has no file: neither the permission model nor the mount namespace sees it.
  const abstract = createServer((socket) => {
    received.push("abstract connection");
    socket.on("data", (data) => received.push(String(data)));
    socket.on("error", () => undefined);
  });
  const abstractName = `\0convgrade-walls-${port}`;
  await new Promise<void>((resolve) => abstract.listen(abstractName, resolve));
  const owned = `
    const out = {};
    const done = () => { process.stdout.write("SEEN " + JSON.stringify(out) + "\\n"); process.exit(0); };
    out.uid = process.getuid();
    try { process.kill(${process.pid}, 0); out.grader = "visible"; } catch (error) { out.grader = error.code; }
    try { out.files = require("node:fs").readdirSync("/").join(","); } catch (error) { out.files = error.code; }
    const socket = require("node:net").connect(${port}, "127.0.0.1", () => { out.tcp = "connected"; socket.end("HIDDEN-INPUT-31337"); });
    socket.on("error", (error) => { out.tcp = error.code; });
    const local = require("node:net").connect({ path: ${JSON.stringify("\0")} + "convgrade-walls-${port}" }, () => { out.abstract = "connected"; local.end("HIDDEN-INPUT-31337"); });
    local.on("error", (error) => { out.abstract = error.code; });
    fetch("http://127.0.0.1:${port}/HIDDEN-INPUT-31337").then(() => { out.fetch = "sent"; }, (error) => { out.fetch = error.cause?.code ?? error.message; });
    setTimeout(done, 1500);`;
  const grader = `
    import { Sandbox, isolation } from ${JSON.stringify(join(dist, "sandbox/host.js"))};
    const sandbox = new Sandbox({ memoryMb: 64, script: ${JSON.stringify(owned)} });
    let seen = "";
    sandbox.onOutput = (stream, text) => { seen += text; };
    sandbox.warmUp();
    const deadline = Date.now() + 20000;
    while (!seen.includes("\\n") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await sandbox.close();
    console.log(JSON.stringify({ seen: JSON.parse(seen.slice(seen.indexOf("SEEN ") + 5).split("\\n")[0]), isolation: isolation() }));`;
  const drop = as === "nobody" && process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : [];
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const command = [...drop, process.execPath, "--input-type=module", "-e", grader];
      const child = spawn(command[0], command.slice(1), { cwd: "/", env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
      let text = "";
      let errors = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`grader exited ${code}: ${errors}`))));
    });
    // Whatever was sent has had time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const result = JSON.parse(out) as {
      seen: { uid: number; grader: string; files: string; tcp?: string; fetch?: string; abstract?: string };
      isolation: { level: string; network: boolean };
    };
    return { ...result, received };
  } finally {
    server.close();
    abstract.close();
    rmSync(dist, { recursive: true, force: true });
  }
}

for (const as of ["self", "nobody"] as const) {
  test(`a sandbox whose learner code owns its process, under a grader running as ${as === "self" ? "this test's user" : "an unprivileged user"}, sends nothing and sees nothing of the host`, async () => {
    const { seen, isolation, received } = await ownedSandbox(as);
    const where = JSON.stringify({ seen, isolation, received });
    // This machine has the kernel's namespaces: the report must say so, and the walls must hold.
    assert.equal(isolation.network, false, where);
    assert.deepEqual(received, [], `the listener on 127.0.0.1 received something: ${where}`);
    assert.notEqual(seen.tcp, "connected", where);
    assert.notEqual(seen.fetch, "sent", where);
    assert.notEqual(seen.abstract, "connected", `an abstract Unix socket reached the host: ${where}`);
    assert.equal(seen.grader, "ESRCH", `the sandbox can see the grader's process: ${where}`);
    // The permission model refuses the read; were it bypassed, the root holds only the system's folders.
    assert.match(seen.files, /^ERR_ACCESS_DENIED$|^(bin|lib|lib64|sbin|tmp|usr|,)+$/, where);
    if (process.getuid?.() === 0) assert.equal(isolation.level, as === "self" ? "namespaces" : "user-namespace", where);
  });
}

/**
 * Two sandboxes alive at once (a check starts them ahead): learner code that owns the first listens on
 * an abstract Unix socket, learner code that owns the second looks for it and for the first's process.
 */
async function siblingSandboxes(as: "self" | "nobody", env: Record<string, string> = {}) {
  const dist = mkdtempSync(join(tmpdir(), "convgrade-dist-"));
  cpSync(join(ROOT, "dist"), dist, { recursive: true });
  writeFileSync(join(dist, "package.json"), '{"type":"module"}');
  execFileSync("chmod", ["-R", "a+rX", dist]);
  const name = `convgrade-sibling-${process.pid}`;
  const listener = `
    const heard = [];
    require("node:net").createServer((socket) => socket.on("data", (d) => heard.push(String(d)))).listen({ path: ${JSON.stringify(`\0${name}`)} }, () => {
      process.stdout.write("LISTENING " + process.pid + "\\n");
    });
    setInterval(() => process.stdout.write("HEARD " + JSON.stringify(heard) + "\\n"), 200);`;
  const seeker = `
    const out = { pids: [] };
    for (let pid = 1; pid < 4096; pid++) { if (pid === process.pid) continue; try { process.kill(pid, 0); out.pids.push(pid); } catch {} }
    const socket = require("node:net").connect({ path: ${JSON.stringify(`\0${name}`)} }, () => { out.abstract = "connected"; socket.end("SIBLING-31337"); });
    socket.on("error", (error) => { out.abstract = error.code; });
    setTimeout(() => { process.stdout.write("SEEN " + JSON.stringify(out) + "\\n"); }, 800);`;
  const grader = `
    import { Sandbox } from ${JSON.stringify(join(dist, "sandbox/host.js"))};
    const first = new Sandbox({ memoryMb: 64, script: ${JSON.stringify(listener)} });
    const second = new Sandbox({ memoryMb: 64, script: ${JSON.stringify(seeker)} });
    let a = "", b = "";
    first.onOutput = (stream, text) => { a += text; };
    second.onOutput = (stream, text) => { b += text; };
    first.warmUp();
    const until = async (check) => { const deadline = Date.now() + 20000; while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50)); };
    await until(() => a.includes("LISTENING"));
    second.warmUp();
    await until(() => b.includes("SEEN "));
    await new Promise((r) => setTimeout(r, 500));
    await Promise.all([first.close(), second.close()]);
    const seen = JSON.parse(b.slice(b.indexOf("SEEN ") + 5).split("\\n")[0]);
    const heard = a.includes("HEARD ") ? JSON.parse(a.slice(a.lastIndexOf("HEARD ") + 6).split("\\n")[0]) : [];
    const firstPid = Number(a.slice(a.indexOf("LISTENING ") + 10).split("\\n")[0]);
    console.log(JSON.stringify({ seen, heard, firstPid }));`;
  const drop = as === "nobody" && process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : [];
  try {
    const out = execFileSync(drop[0] ?? process.execPath, [...drop.slice(1), ...(drop.length ? [process.execPath] : []), "--input-type=module", "-e", grader], {
      cwd: "/",
      env: { PATH: process.env.PATH, ...env },
      encoding: "utf8",
    });
    return JSON.parse(out) as { seen: { pids: number[]; abstract?: string }; heard: string[]; firstPid: number };
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}

for (const as of ["self", "nobody"] as const) {
  test(`two sandboxes alive at once, both owned, under a grader running as ${as === "self" ? "this test's user" : "an unprivileged user"}: neither can reach or see the other`, async () => {
    const { seen, heard, firstPid } = await siblingSandboxes(as);
    const where = JSON.stringify({ seen, heard, firstPid });
    assert.notEqual(seen.abstract, "connected", `an abstract Unix socket reached the other sandbox: ${where}`);
    assert.deepEqual(heard, [], where);
  });
}

test("the same two sandboxes without the kernel's walls do reach each other (this test can see a leak)", async () => {
  const { seen, heard } = await siblingSandboxes("nobody", { CONVGRADE_SANDBOX_NAMESPACES: "0" });
  const where = JSON.stringify({ seen, heard });
  assert.equal(seen.abstract, "connected", where);
  assert.deepEqual(heard, ["SIBLING-31337"], where);
});

test("the same sandbox without the kernel's walls does reach the listener, and the report says the network is open (this test can see a leak)", async () => {
  const { seen, isolation, received } = await ownedSandbox("nobody", { CONVGRADE_SANDBOX_NAMESPACES: "0" });
  const where = JSON.stringify({ seen, isolation, received });
  assert.equal(isolation.network, true, where);
  assert.ok(
    received.some((text) => text.includes("HIDDEN-INPUT-31337")),
    where,
  );
  assert.ok(received.includes("abstract connection"), `the abstract Unix socket was not reached: ${where}`);
});

/**
 * Two children of one fork server, each owned by its learner code (a script of ours in their place):
 * the first loads the zygote's native part itself and tries every way out the seccomp filter closes
 * (probe), to fork, the grader's process, the files, and to kill the zygote; the second is forked by
 * the same zygote afterwards, which shows it survived. Run by a grader as the given user.
 */
async function forkedSandboxes(as: "self" | "nobody") {
  const dist = mkdtempSync(join(tmpdir(), "convgrade-dist-"));
  cpSync(join(ROOT, "dist"), dist, { recursive: true });
  writeFileSync(join(dist, "package.json"), '{"type":"module"}');
  execFileSync("chmod", ["-R", "a+rX", dist]);
  const owned = `
    const fs = require("node:fs");
    const out = { uid: process.getuid() };
    const native = { exports: {} };
    try { process.dlopen(native, "/convgrade-fork.node"); out.probe = native.exports.probe(process.ppid); } catch (error) { out.probe = error.message; }
    try { native.exports.fork(); out.fork = "forked"; } catch (error) { out.fork = error.message; }
    try { process.kill(${process.pid}, 0); out.grader = "visible"; } catch (error) { out.grader = error.code; }
    try { out.files = fs.readdirSync("/").join(","); } catch (error) { out.files = error.code; }
    // Descriptor 0: the zygote's /dev/null, shared with every sibling, would carry its file flags to the next child.
    try { out.input = fs.fstatSync(0).isCharacterDevice() ? "the zygote's" : "own"; } catch (error) { out.input = error.code; }
    try { process.kill(process.ppid, "SIGKILL"); out.zygote = "killed"; } catch (error) { out.zygote = error.code; }
    // Every descriptor past the slots: read what an earlier child left, then leave something, and
    // garbage libuv would take for a signal record were it the zygote's signal pipe.
    const readAll = (pattern) => { const found = []; for (let fd = 4; fd < 400; fd++) { try { const b = Buffer.alloc(512); const n = fs.readSync(fd, b); if (pattern.test(b.toString("latin1", 0, n))) found.push(fd); } catch {} } return found; };
    out.left = readAll(/PLANTED-BY-ANOTHER-CHILD/);
    out.planted = 0;
    for (let fd = 4; fd < 400; fd++) {
      try { fs.writeSync(fd, Buffer.alloc(16, 0x41)); fs.writeSync(fd, Buffer.from("PLANTED-BY-ANOTHER-CHILD")); out.planted++; } catch {}
    }
    fs.writeSync(1, "SEEN " + JSON.stringify(out) + "\\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);`;
  const grader = `
    import { Sandbox, startZygote } from ${JSON.stringify(join(dist, "sandbox/host.js"))};
    const options = { memoryMb: 64, script: ${JSON.stringify(owned)} };
    const zygote = startZygote(options);
    if (!zygote) { console.log(JSON.stringify({ zygote: false })); process.exit(0); }
    const outputs = ["", ""];
    const sandboxes = outputs.map((_, i) => { const s = new Sandbox(options, zygote); s.onOutput = (stream, text) => { outputs[i] += text; }; return s; });
    const until = async (check) => { const deadline = Date.now() + 20000; while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50)); };
    for (const [i, sandbox] of sandboxes.entries()) { sandbox.warmUp(); await until(() => outputs[i].includes("\\n")); }
    // The zygote itself, seen from here: what it walled itself in with (fork.c: wallIn), which its children inherit.
    const fs = await import("node:fs");
    let own = {};
    try {
      const status = fs.readFileSync("/proc/" + zygote.initPid + "/status", "utf8");
      // Read without escapes: this text is a template literal.
      for (const line of status.split(String.fromCharCode(10))) {
        const at = line.indexOf(":");
        if (["Uid", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs", "Seccomp", "NSpid"].includes(line.slice(0, at))) own[line.slice(0, at)] = line.slice(at + 1).trim();
      }
      own.nsPid = String(own.NSpid).split(String.fromCharCode(9)).pop();
      try { own.root = fs.readdirSync("/proc/" + zygote.initPid + "/root").sort().join(","); } catch (error) { own.root = error.code; }
    } catch (error) { own = { error: error.code }; }
    await Promise.all(sandboxes.map((s) => s.close()));
    await zygote.close();
    const seen = outputs.map((text) => text.includes("SEEN ") ? JSON.parse(text.slice(text.indexOf("SEEN ") + 5).split("\\n")[0]) : text);
    console.log(JSON.stringify({ zygote: true, seen, own, isolation: zygote.isolation }));`;
  const drop = as === "nobody" && process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : [];
  try {
    const out = execFileSync(drop[0] ?? process.execPath, [...drop.slice(1), ...(drop.length ? [process.execPath] : []), "--input-type=module", "-e", grader], {
      cwd: "/",
      env: { PATH: process.env.PATH },
      encoding: "utf8",
    });
    return JSON.parse(out) as {
      zygote: boolean;
      seen: {
        uid: number;
        probe: Record<string, string> | string;
        fork: string;
        grader: string;
        files: string;
        input: string;
        zygote: string;
        left: number[];
      }[];
      own: Record<string, string | undefined>;
      isolation: { level: string };
    };
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}

/** Each way out of a process that the fork server's filter closes (fork.c: probe). */
const WAYS_OUT = [
  "inetSocket",
  "unixSocket",
  "signal",
  "readMemory",
  "sharedMemory",
  "messageQueue",
  "keyring",
  "unshare",
  "otherLimits",
  "signalOwner",
  "shutdown",
  "fileLock",
  "recordLock",
  "exec",
  "process",
  "pageCache",
  "pageResidency",
  "pageOut",
  "readNoWait",
];

for (const as of ["self", "nobody"] as const) {
  test(`children of the fork server, owned, under a grader running as ${as === "self" ? "this test's user" : "an unprivileged user"}: no socket, signal, IPC, keyring, process or other's memory; the zygote survives`, async (t) => {
    const result = await forkedSandboxes(as);
    if (!result.zygote) {
      t.skip("no fork server on this machine (its native part was not built)");
      return;
    }
    const where = JSON.stringify(result);
    // The fork server is its namespace's first process, unprivileged from its first fork on: the sandbox
    // user (as root) or its user namespace's root mapped to the grader's user, with no capability at all.
    const own = result.own;
    assert.equal(own.nsPid, "1", where);
    const uid = process.getuid?.() === 0 ? 65534 : process.getuid?.();
    assert.equal(own.Uid, [uid, uid, uid, uid].join("\t"), where);
    for (const set of ["CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"]) assert.equal(own[set], "0000000000000000", `${set}: ${where}`);
    assert.equal(own.NoNewPrivs, "1", where);
    assert.equal(own.Seccomp, "2", where);
    // Its root, as far as this user may look (a grader that is not root may not: the zygote is not dumpable).
    if (process.getuid?.() === 0 && as === "self") assert.equal(own.root, "convgrade-fork.node,tmp", where);
    else assert.match(String(own.root), /^(EACCES|convgrade-fork\.node,tmp)$/, where);
    assert.equal(result.seen.length, 2, where);
    for (const seen of result.seen) {
      assert.equal(typeof seen, "object", `a forked child did not report (the zygote died?): ${where}`);
      assert.equal(typeof seen.probe, "object", where);
      const probe = seen.probe as Record<string, string>;
      for (const way of WAYS_OUT) {
        assert.equal(probe[way], "Operation not permitted", `${way} was not refused: ${where}`);
      }
      // Read-only: as nobody, the child owns its user namespace's tmpfs, which every child of the zygote shares.
      assert.match(probe.writeRoot, /Read-only file system|Permission denied/, where);
      assert.match(seen.fork, /not permitted/, where);
      assert.notEqual(seen.grader, "visible", where);
      assert.notEqual(seen.zygote, "killed", where);
      // The zygote's own descriptors were replaced by the child's own: nothing passes from one child to the next.
      assert.deepEqual(seen.left, [], `a child read what an earlier one left: ${where}`);
      assert.equal(seen.input, "own", `descriptor 0 is shared with the zygote and its other children: ${where}`);
      // Its root holds nothing of the host's (no /usr, whose page cache the host shares): only its own tmp and the native part.
      assert.match(seen.files, /^ERR_ACCESS_DENIED$|^(tmp|convgrade-fork\.node|,)+$/, where);
    }
  });
}

test("the same probe in an ordinary process is allowed its sockets, IPC and processes (the probe can see a leak)", (t) => {
  const addon = join(ROOT, "dist/sandbox/fork.node");
  try {
    readFileSync(addon);
  } catch {
    t.skip("the fork server's native part was not built");
    return;
  }
  const out = execFileSync(
    process.execPath,
    ["-e", `const m = { exports: {} }; process.dlopen(m, ${JSON.stringify(addon)}); console.log(JSON.stringify(m.exports.probe(process.pid)));`],
    {
      encoding: "utf8",
    },
  );
  const probe = JSON.parse(out) as Record<string, string>;
  const refusedOnTheirOwn = ["exec", "shutdown", "fileLock", "recordLock", "pageCache", "readNoWait"];
  for (const way of WAYS_OUT.filter((way) => ![...refusedOnTheirOwn, "keyring", "readMemory", "pageOut"].includes(way))) {
    assert.equal(probe[way], "allowed", out);
  }
  for (const way of refusedOnTheirOwn) assert.match(probe[way], /No such file|Bad file descriptor/, out);
  assert.match(probe.pageOut, /^allowed$|Invalid argument/, out);
});
