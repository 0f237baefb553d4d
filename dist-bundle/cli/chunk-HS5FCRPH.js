import {
  MAX_ELEMENTS,
  MAX_FRAME_BYTES,
  MAX_OBJECT_ENTRIES,
  MAX_WIRE_DEPTH,
  RSS_HEADROOM_MB,
  SANDBOX_BOUNDS,
  ZYGOTE_SLOTS
} from "./chunk-MSXFVK3B.js";

// src/run/defaults.ts
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
var DEFAULT_DIR = "exercises";
var DEFAULT_TIMEOUT_MS = 2500;
var DEFAULT_MEMORY_MB = 256;
var PACKAGE_FIXTURES = fileURLToPath(new URL("../../fixtures", import.meta.url));
var DEFAULT_JOBS = Math.max(1, Math.min(availableParallelism(), 4));

// src/sandbox/isolation.ts
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import { dirname } from "node:path";
var UNPRIVILEGED_ID = 65534;
var SYSTEM_FOLDERS = ["usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"];
var probed;
function findTool(name) {
  return ["/usr/bin", "/bin", "/usr/sbin", "/sbin"].map((folder) => `${folder}/${name}`).find((path) => existsSync(path));
}
function sandboxUser(env = process.env) {
  if (process.getuid?.() !== 0) return void 0;
  const uid = Number(env.CONVGRADE_SANDBOX_UID ?? UNPRIVILEGED_ID);
  const gid = Number(env.CONVGRADE_SANDBOX_GID ?? uid);
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid <= 0 || gid <= 0) return { uid: UNPRIVILEGED_ID, gid: UNPRIVILEGED_ID };
  return { uid, gid };
}
function rootScript(node, addon) {
  const links = [];
  const binds = [];
  for (const name of SYSTEM_FOLDERS) {
    let stat;
    try {
      stat = lstatSync(`/${name}`);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) {
      const target = readlinkSync(`/${name}`);
      if (/^\/?usr\/[A-Za-z0-9_]+$/.test(target) && target.replace(/^\/?usr\//, "") === name) links.push(`usr/${name}`);
      else binds.push(name);
    } else if (stat.isDirectory()) binds.push(name);
  }
  const mounts = binds.map((name) => `mount --rbind -o ro /${name} ${name}`);
  const outside = !binds.some((name) => node.startsWith(`/${name}/`)) && !links.some((link) => node.startsWith(`/${link.slice(4)}/`));
  const folders = [...binds, "tmp", ...outside ? [`-p .${quote(dirname(node))}`] : []];
  return [
    "set -e",
    // Opened before the tmpfs hides it, should it live under /tmp: bound in below through /proc.
    ...addon ? [`exec 9< ${quote(addon)}`] : [],
    // The grader's own cwd and /tmp are left behind: the new root lives on a tmpfs over /tmp.
    "mount -t tmpfs -o size=64k,mode=755,nosuid,nodev convgrade /tmp",
    "cd /tmp",
    `mkdir ${folders.join(" ")}`,
    ...mounts,
    ...links.length > 0 ? [`ln -s ${links.join(" ")} .`] : [],
    ...outside ? [`: > .${quote(node)}`, `mount --bind -o ro ${quote(node)} .${quote(node)}`] : [],
    // The fork server's native part, the one file of ours the root shows (read-only).
    ...addon ? [`: > ${ADDON_INSIDE.slice(1)}`, `mount --bind -o ro /proc/self/fd/9 ${ADDON_INSIDE.slice(1)}`, "exec 9<&-"] : [],
    // Read-only from now on: in a user namespace the sandbox is the tmpfs's owner, and the children of one
    // zygote share it (nothing one leaves may reach the next).
    "mount -o remount,ro,bind,nosuid,nodev /tmp",
    // Not exec: the shell stays the namespace's PID 1, so node is an ordinary process there (a
    // PID 1 ignores its own signals, SIGKILL and SIGABRT included) and ends as the host expects.
    'chroot /tmp "$@"'
  ].join("\n");
}
var ADDON_INSIDE = "/convgrade-fork.node";
function quote(path) {
  return `'${path.replace(/'/g, "'\\''")}'`;
}
function nodePath() {
  try {
    return realpathSync(process.execPath);
  } catch {
    return process.execPath;
  }
}
function chainArgs(tools, level, user, command, addon) {
  const drop = [
    tools.setpriv,
    ...user ? [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--clear-groups"] : [],
    // In a user namespace the process is that namespace's root: it keeps no capability.
    "--bounding-set=-all",
    "--inh-caps=-all",
    "--no-new-privs",
    // The uid change clears the parent-death signal unshare set: set it again.
    "--pdeathsig=SIGKILL",
    "--",
    ...command
  ];
  return [
    ...level === "user-namespace" ? ["--user", "--map-root-user"] : [],
    "--net",
    "--mount",
    "--pid",
    "--fork",
    "--ipc",
    "--kill-child",
    "--",
    tools.sh,
    "-c",
    rootScript(command[0], addon),
    "sh",
    ...drop
  ];
}
function levelCommand(tools, level, user, command, addon) {
  if (level === "namespaces") return { command: tools.unshare, args: chainArgs(tools, level, user, command, addon) };
  const inner = chainArgs(tools, level, void 0, command, addon);
  if (!user) return { command: tools.unshare, args: inner };
  return {
    command: tools.setpriv,
    args: [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--clear-groups", "--pdeathsig=SIGKILL", "--", tools.unshare, ...inner]
  };
}
function probeLevel(tools, level, user) {
  const { command, args } = levelCommand(tools, level, user, [nodePath(), "--version"]);
  const probe2 = spawnSync(command, args, { env: {}, cwd: "/", encoding: "utf8", timeout: SANDBOX_BOUNDS.probeMs });
  if (probe2.status === 0 && probe2.stdout.trim() === process.version) return void 0;
  const said = `${probe2.stderr ?? ""}`.trim().split("\n")[0] || probe2.error?.message || `exit code ${probe2.status}`;
  return said.slice(0, 200);
}
function candidates(env) {
  const user = sandboxUser(env);
  const fallback = user ? { level: "user-only", network: true } : { level: "none", network: true };
  if (env.CONVGRADE_SANDBOX_NAMESPACES === "0") return { fallback: { ...fallback, reason: "CONVGRADE_SANDBOX_NAMESPACES=0" }, user, levels: [] };
  if (process.platform !== "linux") return { fallback: { ...fallback, reason: `namespaces are Linux's (this is ${process.platform})` }, user, levels: [] };
  const unshare = findTool("unshare");
  const setpriv = findTool("setpriv");
  const sh = findTool("sh");
  if (!unshare || !setpriv || !sh) return { fallback: { ...fallback, reason: "util-linux's unshare and setpriv were not found" }, user, levels: [] };
  return { fallback, user, tools: { unshare, setpriv, sh }, levels: user ? ["namespaces", "user-namespace"] : ["user-namespace"] };
}
function probe(env) {
  const { fallback, user, tools, levels } = candidates(env);
  if (!tools) return { isolation: fallback, user };
  const reasons = [];
  for (const level of levels) {
    const failed = probeLevel(tools, level, user);
    if (failed === void 0) return { isolation: { level, network: false }, tools, user };
    reasons.push(`${level}: ${failed}`);
  }
  return { isolation: { ...fallback, reason: reasons.join("; ") }, user };
}
var optimistic;
function optimisticLevel(env) {
  if (optimistic !== void 0) return optimistic;
  const { user, tools, levels } = candidates(env);
  optimistic = tools && levels.length > 0 ? { isolation: { level: levels[0], network: false }, tools, user } : null;
  return optimistic;
}
function probeNow() {
  probed = probe(process.env);
  return probed;
}
function isolation(env = process.env) {
  probed ??= probe(env);
  return probed.isolation;
}
var inFlight = 0;
var waiting = [];
function decided() {
  for (const wake of waiting.splice(0)) wake();
}
function provisionalStart(outcome, level) {
  inFlight = Math.max(0, inFlight - 1);
  if (outcome === "ready" && !probed && optimistic && optimistic.isolation.level === level.level) probed = optimistic;
  else if (outcome === "failed") probed ??= probe(process.env);
  if (probed || inFlight === 0) decided();
}
async function settledIsolation() {
  if (!probed && inFlight > 0) {
    let timer;
    await new Promise((resolve) => {
      waiting.push(resolve);
      timer = setTimeout(resolve, SANDBOX_BOUNDS.startupMs);
    });
    clearTimeout(timer);
  }
  return isolation();
}
function walledLevelExpected() {
  const level = knownLevel().isolation.level;
  return level === "namespaces" || level === "user-namespace";
}
function isolationSoFar() {
  return knownLevel().isolation;
}
function knownLevel() {
  return probed ?? optimisticLevel(process.env) ?? probeNow();
}
function sandboxCommand(args, addon) {
  const { isolation: level, tools, user } = knownLevel();
  const provisional = probed === void 0;
  if (provisional) inFlight++;
  if (tools && (level.level === "namespaces" || level.level === "user-namespace")) {
    return { ...levelCommand(tools, level.level, user, [nodePath(), ...args], addon), isolation: level, provisional };
  }
  return { command: process.execPath, args, user, isolation: level, provisional };
}

// src/sandbox/host.ts
import { spawn as spawn2 } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync as readFileSync4 } from "node:fs";
import { fileURLToPath as fileURLToPath4 } from "node:url";

// src/sandbox/frames.ts
import { timingSafeEqual } from "node:crypto";
import { deserialize, serialize } from "node:v8";
function encodeFrame(message, secret) {
  const payload = serialize(message);
  const header = Buffer.alloc(4);
  header.writeUInt32LE(payload.length, 0);
  return Buffer.concat(secret ? [header, secret, payload] : [header, payload]);
}
var FrameError = class extends Error {
};
var FrameDecoder = class {
  constructor(maxFrameBytes, secret) {
    this.maxFrameBytes = maxFrameBytes;
    this.secret = secret;
    this.prefix = 4 + (secret?.length ?? 0);
  }
  maxFrameBytes;
  secret;
  chunks = [];
  bytes = 0;
  prefix;
  /** Adds a chunk and returns the messages it completes; throws FrameError on a bad frame. */
  push(chunk) {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    const messages = [];
    while (this.bytes >= this.prefix) {
      if (this.chunks[0].length < this.prefix) this.chunks = [Buffer.concat(this.chunks)];
      const head = this.chunks[0];
      const length = head.readUInt32LE(0);
      if (this.secret && !timingSafeEqual(head.subarray(4, this.prefix), this.secret)) {
        throw new FrameError("the sandbox sent a frame without the session's secret: learner code wrote to the grader's channel");
      }
      if (length > this.maxFrameBytes) throw new FrameError(`the sandbox sent a message of ${length} bytes, over the limit`);
      if (this.bytes < this.prefix + length) break;
      const joined = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      const payload = joined.subarray(this.prefix, this.prefix + length);
      const rest = joined.subarray(this.prefix + length);
      this.chunks = rest.length ? [rest] : [];
      this.bytes = rest.length;
      try {
        messages.push(deserialize(payload));
      } catch {
        throw new FrameError("the sandbox sent a message that could not be read");
      }
    }
    return messages;
  }
};

// src/sandbox/procfs.ts
import { readFileSync } from "node:fs";
import { constants } from "node:os";
function firstChild(pid) {
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(" ")[0];
    return first ? Number(first) : void 0;
  } catch {
    return void 0;
  }
}
function signalName(number2) {
  return Object.entries(constants.signals).find(([, n]) => n === number2)?.[0] ?? null;
}

// src/sandbox/protocol.ts
var SECRET_BYTES = 16;

// src/sandbox/realm-source.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { fileURLToPath as fileURLToPath2 } from "node:url";
var REALM_SCRIPT = fileURLToPath2(
  new URL(import.meta.url.endsWith(".ts") ? "../../dist/sandbox/realm-bootstrap.js" : "./realm-bootstrap.js", import.meta.url)
);
var source;
function realmSource() {
  source ??= readFileSync2(REALM_SCRIPT, "utf8");
  return source;
}

// src/sandbox/validate.ts
var text = (value, max = 2e3) => typeof value === "string" ? value.slice(0, max) : "";
var record = (value) => typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
var optionalNumber = (value) => typeof value === "number" && Number.isInteger(value) && value > 0 ? value : void 0;
function thrownOf(value) {
  const r = record(value);
  const stack = typeof r.stack === "string" ? r.stack.slice(0, 8e3) : void 0;
  return { name: text(r.name, 200) || "Error", message: text(r.message), ...stack !== void 0 ? { stack } : {}, notImplemented: r.notImplemented === true };
}
function loadFailureOf(value) {
  const r = record(value);
  const file = text(r.file, 4096);
  switch (r.kind) {
    case "missing-file":
      return { kind: "missing-file", file };
    case "syntax":
      return { kind: "syntax", file, message: text(r.message), line: optionalNumber(r.line), column: optionalNumber(r.column) };
    case "unusable":
      return { kind: "unusable", file, message: text(r.message) };
    case "bad-import":
      return { kind: "bad-import", file, specifier: text(r.specifier, 300), message: text(r.message) };
    case "missing-export":
      return {
        kind: "missing-export",
        file,
        exportName: text(r.exportName, 100),
        exports: Array.isArray(r.exports) ? r.exports.slice(0, 50).map((n) => text(n, 100)) : []
      };
    default:
      return { kind: "threw", file, thrown: thrownOf(r.thrown) };
  }
}
function loadedOf(m) {
  const id = Number(m.id);
  if (m.ok === true)
    return { type: "loaded", id, ok: true, files: Array.isArray(m.files) ? m.files.filter((f) => typeof f === "string").slice(0, 500) : [] };
  return { type: "loaded", id, ok: false, failure: loadFailureOf(m.failure) };
}
var number = (value) => typeof value === "number" && Number.isFinite(value) ? value : 0;
function wireOf(value) {
  const budget = { left: MAX_ELEMENTS * 2, entries: MAX_OBJECT_ENTRIES * 2 };
  const rebuilt = rebuild(value, 0, budget);
  return budget.left < 0 ? { $wire: "too-large", count: MAX_ELEMENTS * 2 - budget.left, limit: MAX_ELEMENTS } : rebuilt;
}
function rebuild(value, depth, budget) {
  if (--budget.left < 0) return void 0;
  const type = typeof value;
  if (type === "number" || type === "boolean" || value === void 0 || value === null) return value;
  if (type === "string") return value.slice(0, 210);
  if (depth > MAX_WIRE_DEPTH) return { $wire: "too-deep" };
  if (Array.isArray(value)) {
    budget.left -= value.length;
    return budget.left < 0 ? void 0 : value.map((item) => rebuild(item, depth + 1, budget));
  }
  const r = record(value);
  switch (r.$wire) {
    case "hole":
    case "promise":
    case "cycle":
    case "too-deep":
      return { $wire: r.$wire };
    case "function":
      return { $wire: "function", name: text(r.name, 100) };
    case "too-large":
      return { $wire: "too-large", count: number(r.count), limit: number(r.limit) };
    case "unreadable":
      return { $wire: "unreadable", message: text(r.message) };
    case "other":
      return { $wire: "other", description: text(r.description, 200) };
    case "object": {
      const entries = Array.isArray(r.entries) ? r.entries.slice(0, 50) : [];
      budget.entries -= entries.length + 1;
      if (budget.entries < 0) budget.left = -1;
      return {
        $wire: "object",
        ctor: text(r.ctor, 100) || "?",
        entries: entries.map((entry) => Array.isArray(entry) ? [text(entry[0], 200), rebuild(entry[1], depth + 1, budget)] : ["?", void 0])
      };
    }
    default:
      return { $wire: "other", description: "a value the sandbox could not describe" };
  }
}
var MAX_ALIASES = 8;
function pathOf(value) {
  if (!Array.isArray(value) || value.length > MAX_WIRE_DEPTH + 1) return void 0;
  return value.every((i) => typeof i === "number" && Number.isInteger(i) && i >= -1 && i < MAX_ELEMENTS) ? value : void 0;
}
function unwrapShared(value) {
  const r = record(value);
  if (r.$wire !== "shared") return { value };
  const aliases = [];
  for (const pair of Array.isArray(r.aliases) ? r.aliases.slice(0, MAX_ALIASES) : []) {
    const [later, first] = Array.isArray(pair) ? [pathOf(pair[0]), pathOf(pair[1])] : [];
    if (later && first) aliases.push([[...later], [...first]]);
  }
  return aliases.length ? { value: r.value, aliases } : { value: r.value };
}
function itemOf(m) {
  const id = Number(m.id);
  const index = Number(m.index);
  if (m.ok === true) {
    const { value, aliases } = unwrapShared(m.value);
    const args = unwrapShared(m.args).value;
    return {
      type: "item",
      id,
      index,
      ok: true,
      value: wireOf(value),
      args: Array.isArray(args) ? wireOf(args) : void 0,
      ms: typeof m.ms === "number" ? m.ms : void 0,
      ...aliases ? { aliases } : {}
    };
  }
  if (m.failure !== void 0) return { type: "item", id, index, ok: false, failure: loadFailureOf(m.failure) };
  return { type: "item", id, index, ok: false, thrown: thrownOf(m.thrown) };
}

// src/sandbox/zygote.ts
import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { existsSync as existsSync2, readFileSync as readFileSync3 } from "node:fs";
import { fileURLToPath as fileURLToPath3 } from "node:url";
var DIST = import.meta.url.endsWith(".ts") ? "../../dist/sandbox/" : "./";
var ADDON = fileURLToPath3(new URL(`${DIST}fork.node`, import.meta.url));
var ZYGOTE_SCRIPT = fileURLToPath3(new URL(`${DIST}zygote.cjs`, import.meta.url));
var FIRST_SLOT_FD = 10;
var zygoteSource;
function forkServerUnavailable(env = process.env) {
  if (env.CONVGRADE_FORK_SERVER === "0") return "CONVGRADE_FORK_SERVER=0";
  if (process.platform !== "linux") return `not on Linux (${process.platform})`;
  if (!existsSync2(ADDON) || !existsSync2(ZYGOTE_SCRIPT)) return "its native part was not built (no C compiler at install?)";
  if (!walledLevelExpected()) return "the kernel's walls are not available";
  return void 0;
}
var ForkedChild = class extends EventEmitter {
  constructor(zygote, streams) {
    super();
    this.zygote = zygote;
    this.streams = streams;
    const [channel, stdout, stderr] = streams;
    this.stdout = stdout;
    this.stderr = stderr;
    this.stdio = [null, stdout, stderr, channel];
    for (const stream of streams) stream.on("data", () => this.received++);
  }
  zygote;
  streams;
  stdio;
  stdout;
  stderr;
  exitCode = null;
  signalCode = null;
  /** the child's pid in the sandbox's PID namespace, once the zygote has forked it */
  nsPid;
  hostPidFound;
  /** chunks received on its streams, to tell when they have gone quiet after its end */
  received = 0;
  status;
  killWanted = false;
  killSent = false;
  closed = false;
  /** The child's pid as the grader sees it (for its memory), found from the zygote's children. */
  get pid() {
    if (this.hostPidFound === void 0 && this.nsPid !== void 0 && this.status === void 0) this.hostPidFound = this.zygote.hostPidOf(this.nsPid);
    return this.hostPidFound;
  }
  /** The zygote forked it. */
  forked(nsPid) {
    this.nsPid = nsPid;
    if (this.killWanted) this.kill();
  }
  kill(_signal) {
    if (this.status) return false;
    this.killWanted = true;
    if (this.nsPid === void 0 || this.killSent) return true;
    this.killSent = true;
    this.zygote.kill(this.nsPid);
    return true;
  }
  /** How it ended, from the zygote's waitpid (or the zygote's own end, which takes its children along). */
  ended(code, signal) {
    if (this.status) return;
    this.status = { code, signal };
    this.exitCode = code;
    this.signalCode = signal;
    this.emit("exit", code, signal);
    this.drain(0);
  }
  /**
   * Everything it wrote before it ended is in its sockets already: "close" comes once the grader has
   * read it (no chunk arrived during a turn of the event loop), as a spawned process's comes after its
   * streams end. Then the grader's ends are closed.
   */
  drain(turns) {
    const seen = this.received;
    setImmediate(() => {
      if (this.received !== seen && turns < 200) {
        this.drain(turns + 1);
        return;
      }
      if (this.closed) return;
      this.closed = true;
      for (const stream of this.streams) stream.destroy();
      this.emit("close", this.status.code, this.status.signal);
    });
  }
};
var Zygote = class _Zygote {
  process;
  control;
  isolation;
  provisional;
  freeSlots = [];
  bySlot = /* @__PURE__ */ new Map();
  byPid = /* @__PURE__ */ new Map();
  buffered = "";
  ready = false;
  /** dead, closing, or found unable to fork: no child is asked of it any more */
  broken = false;
  nodePid;
  initPid;
  exited;
  users = 0;
  closing = false;
  /** A zygote for these options, or undefined where there can be none (forkServerUnavailable). */
  static start(options) {
    if (forkServerUnavailable()) return void 0;
    return new _Zygote(options);
  }
  constructor(options) {
    zygoteSource ??= readFileSync3(ZYGOTE_SCRIPT, "utf8");
    const script = [
      options.script === void 0 ? `globalThis.__convgradeChild = function () {
${options.childSource}
};` : `globalThis.__convgradeScript = function () {
${options.script}
};`,
      `globalThis.__convgradeBootstrap = ${JSON.stringify(realmSource())};`,
      zygoteSource
    ].join("\n");
    const args = [
      "--experimental-permission",
      "--allow-addons",
      "--disable-warning=ExperimentalWarning",
      "--disable-warning=SecurityWarning",
      // fork() keeps only the calling thread: V8 must need no other.
      "--single-threaded",
      `--max-old-space-size=${options.memoryMb}`,
      "-e",
      script,
      ADDON_INSIDE
    ];
    const start = sandboxCommand(args, ADDON);
    this.isolation = start.isolation;
    this.provisional = start.provisional;
    for (let slot = 0; slot < ZYGOTE_SLOTS; slot++) this.freeSlots.push(slot);
    this.process = spawn(start.command, start.args, {
      cwd: "/",
      env: {},
      stdio: [
        "ignore",
        "ignore",
        "pipe",
        "pipe",
        ...Array.from({ length: FIRST_SLOT_FD - 4 }, () => "ignore"),
        ...Array.from({ length: ZYGOTE_SLOTS * 3 }, () => "pipe")
      ],
      ...start.user
    });
    this.exited = new Promise((resolve) => {
      this.process.once("exit", () => resolve());
      this.process.once("error", () => {
        if (this.process.pid === void 0) resolve();
      });
    });
    this.control = this.process.stdio[3];
    this.control.setEncoding("latin1");
    this.control.on("data", (text2) => this.onControl(text2));
    this.control.on("error", () => void 0);
    this.process.stderr.resume();
    this.process.on("error", () => this.onExit());
    this.process.on("close", () => this.onExit());
    for (const stream of this.process.stdio) stream?.unref?.();
    this.holdGrader();
  }
  /** Whether a child may be asked of it now. */
  get usable() {
    return !this.broken && this.freeSlots.length > 0;
  }
  /** Children forked and not yet known to have ended. */
  alive = 0;
  /**
   * Keeps the grader's event loop running while a child is alive or the zygote is closing (their ends
   * are awaited), and only then: a grader that forgot an idle zygote still exits.
   */
  holdGrader() {
    if (this.alive > 0 || this.closing) this.process.ref();
    else this.process.unref();
  }
  /** A forked child on a free slot, or undefined when there is none (the caller starts a process of its own). */
  fork() {
    if (!this.usable) return void 0;
    const slot = this.freeSlots.shift();
    const fd = FIRST_SLOT_FD + slot * 3;
    const streams = [fd, fd + 1, fd + 2].map((n) => this.process.stdio[n]);
    const child = new ForkedChild(this, streams);
    this.alive++;
    this.holdGrader();
    child.once("exit", () => {
      this.alive--;
      this.holdGrader();
    });
    this.bySlot.set(slot, child);
    this.send(`F ${slot} ${fd} ${fd + 1} ${fd + 2} ${FIRST_SLOT_FD + ZYGOTE_SLOTS * 3 - 1}`);
    return child;
  }
  /** Whether it has got ready (the walls and the native part work). */
  get isReady() {
    return this.ready;
  }
  kill(nsPid) {
    this.send(`K ${nsPid}`);
  }
  send(line) {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    try {
      this.control.write(`${line}
`);
    } catch {
    }
  }
  onControl(text2) {
    this.buffered += text2;
    for (let end = this.buffered.indexOf("\n"); end >= 0; end = this.buffered.indexOf("\n")) {
      const [word, ...rest] = this.buffered.slice(0, end).split(" ");
      this.buffered = this.buffered.slice(end + 1);
      const numbers = rest.map(Number);
      if (word === "r") this.onReady();
      else if (word === "f") {
        const child = this.bySlot.get(numbers[0]);
        this.bySlot.delete(numbers[0]);
        if (child) {
          this.byPid.set(numbers[1], child);
          child.forked(numbers[1]);
        }
      } else if (word === "x") {
        const child = this.byPid.get(numbers[0]);
        this.byPid.delete(numbers[0]);
        const signal = numbers[2] > 0 ? signalName(numbers[2]) : null;
        child?.ended(numbers[1] >= 0 ? numbers[1] : null, numbers[1] === -2 ? "SIGKILL" : signal);
      }
    }
  }
  onReady() {
    if (this.ready) return;
    this.ready = true;
    if (this.provisional) {
      this.provisional = false;
      provisionalStart("ready", this.isolation);
    }
    if (this.process.pid !== void 0) {
      this.initPid = firstChild(this.process.pid);
      this.nodePid = this.initPid === void 0 ? void 0 : firstChild(this.initPid);
    }
  }
  onExit() {
    this.broken = true;
    if (this.provisional) {
      this.provisional = false;
      provisionalStart(this.closing ? "abandoned" : "failed", this.isolation);
    }
    for (const child of [...this.bySlot.values(), ...this.byPid.values()]) child.ended(null, "SIGKILL");
    this.bySlot.clear();
    this.byPid.clear();
  }
  /** The host pid of one of its children, by the pid the zygote's namespace gives it. */
  hostPidOf(nsPid) {
    if (this.nodePid === void 0) return void 0;
    let children;
    try {
      children = readFileSync3(`/proc/${this.nodePid}/task/${this.nodePid}/children`, "utf8").trim().split(" ");
    } catch {
      return void 0;
    }
    for (const pid of children) {
      try {
        const line = /NSpid:\s+([\d\s]+)/.exec(readFileSync3(`/proc/${pid}/status`, "utf8"))?.[1].trim().split(/\s+/);
        if (line && Number(line[line.length - 1]) === nsPid) return Number(pid);
      } catch {
      }
    }
    return void 0;
  }
  /** A sandbox that may fork from it; once none holds it, it is killed. */
  retain() {
    this.users++;
  }
  release() {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) void this.close();
  }
  /**
   * Kills the zygote's whole namespace (its children with it), and settles once it has exited. Killed
   * through the namespace's first process, as a sandbox is (host.ts: killNamespace).
   */
  close() {
    this.broken = true;
    this.closing = true;
    this.holdGrader();
    if (this.process.exitCode !== null || this.process.signalCode !== null) return this.exited;
    const init = this.initPid ?? (this.process.pid === void 0 ? void 0 : firstChild(this.process.pid));
    try {
      if (init !== void 0) process.kill(init, "SIGKILL");
    } catch {
    }
    if (init === void 0) this.process.kill("SIGKILL");
    else setTimeout(() => this.process.kill("SIGKILL"), SANDBOX_BOUNDS.killGraceMs).unref();
    return this.exited;
  }
};

// src/sandbox/host.ts
function sameSandboxOptions(a, b) {
  const keys = /* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}
var CHILD_SCRIPT = fileURLToPath4(new URL(import.meta.url.endsWith(".ts") ? "../../dist/sandbox/child.cjs" : "./child.cjs", import.meta.url));
var O_CLOEXEC = 524288;
var childSource;
var inherited;
function sandboxArgs(options) {
  const source2 = childCode(options);
  return ["--experimental-permission", "--disable-warning=ExperimentalWarning", `--max-old-space-size=${options.memoryMb}`, "-e", source2];
}
function childBundle() {
  childSource ??= readFileSync4(CHILD_SCRIPT, "utf8");
  return childSource;
}
function childCode(options) {
  return options.script ?? childBundle();
}
function startZygote(options) {
  return Zygote.start({ memoryMb: options.memoryMb, childSource: childBundle(), script: options.script });
}
function inheritedDescriptors() {
  if (inherited) return inherited;
  inherited = [];
  try {
    for (const name of readdirSync("/proc/self/fd")) {
      const fd = Number(name);
      if (!Number.isInteger(fd) || fd <= 3) continue;
      try {
        const flags = /flags:\s+([0-7]+)/.exec(readFileSync4(`/proc/self/fdinfo/${fd}`, "utf8"));
        if (flags && (parseInt(flags[1], 8) & O_CLOEXEC) === 0) inherited.push(fd);
      } catch {
      }
    }
  } catch {
  }
  return inherited;
}
var SandboxProcess = class {
  constructor(options, onOutput, zygote) {
    this.options = options;
    this.onOutput = onOutput;
    const forked = zygote?.fork();
    if (forked && zygote) {
      this.zygote = zygote;
      this.child = forked;
      this.isolation = zygote.isolation;
      this.unproven = true;
      this.provisional = false;
    } else {
      const start = sandboxCommand(sandboxArgs(options));
      this.isolation = start.isolation;
      this.unproven = start.provisional;
      this.provisional = start.provisional;
      this.child = spawn2(start.command, start.args, {
        cwd: "/",
        env: {},
        // nothing from the grader's environment (tokens, paths) reaches learner code
        stdio: ["ignore", "pipe", "pipe", "pipe"],
        ...start.user
      });
    }
    this.exited = new Promise((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.once("error", () => {
        if (this.child.pid === void 0) resolve();
      });
    });
    this.child.stdout.setEncoding("utf8").on("data", (text2) => {
      if (!this.killed) this.onOutput("stdout", text2, false);
    });
    this.child.stderr.setEncoding("utf8").on("data", (text2) => this.onStderr(text2));
    const channel = this.child.stdio[3];
    channel.on("data", (chunk) => this.onData(chunk));
    channel.on("error", () => void 0);
    this.child.on("error", (error) => this.die({ kind: "crashed", code: null, signal: null, stderr: error.message }));
    this.child.on("close", (exitCode, exitSignal) => {
      const { code, signal } = this.walled && !this.zygote ? fromShellStatus(exitCode, exitSignal) : { code: exitCode, signal: exitSignal };
      const aborted = signal === "SIGABRT" || signal === "SIGTRAP" || signal === "SIGILL" || code === 134 || code === 133;
      const oom = aborted && /heap out of memory|Allocation failed/.test(this.stderrTail);
      if (this.held !== void 0 && !oom) this.onOutput("stderr", this.held, false);
      this.held = void 0;
      this.die(oom ? { kind: "out-of-memory" } : { kind: "crashed", code, signal, stderr: this.stderrTail });
    });
    this.watcher = setInterval(() => this.checkMemory(), SANDBOX_BOUNDS.memoryWatchMs);
    this.watcher.unref();
    const hello = {
      type: "hello",
      closeFds: inheritedDescriptors(),
      bootstrap: this.zygote && !options.script ? "" : realmSource()
    };
    channel.write(this.secret);
    this.post(hello);
  }
  options;
  onOutput;
  child;
  /** the fork server it came from, if any (else it was spawned, walls and Node started anew) */
  zygote;
  secret = randomBytes(SECRET_BYTES);
  decoder = new FrameDecoder(MAX_FRAME_BYTES, this.secret);
  pending;
  stderrTail = "";
  /** raw stderr held back once V8's fatal-error banner starts, until we know whether it was an out-of-memory death */
  held;
  dead = false;
  /** set by kill(): output from then on is not the learner's */
  killed = false;
  ready = false;
  /** the kernel's walls around this process */
  isolation;
  /** started through walls not yet proven to work here: its start proves or refutes them (isolation.ts) */
  unproven;
  provisional;
  /** told once, when the child is ready (or has died before it was) */
  onSettled = () => void 0;
  /** the process running node, behind unshare and its namespace's shell (found when ready) */
  nodePid;
  /** the first process of the sandbox's PID namespace: killing it kills every process in there */
  initPid;
  /** settles once the child process is gone (reaped), whatever ended it */
  exited;
  watcher;
  onStderr(text2) {
    this.stderrTail = (this.stderrTail + text2).slice(-4e3);
    if (this.held === void 0 && /<--- Last few GCs --->|FATAL ERROR/.test(text2)) this.held = "";
    if (this.held !== void 0) this.held = (this.held + text2).slice(-16e3);
    else if (!this.killed) this.onOutput("stderr", text2, false);
  }
  onData(chunk) {
    if (this.dead) return;
    let messages;
    try {
      messages = this.decoder.push(chunk);
    } catch (error) {
      this.fail({ kind: "protocol", message: error.message });
      return;
    }
    for (const message of messages) {
      let problem;
      try {
        problem = this.onMessage(message);
      } catch (error) {
        problem = `an answer that could not be handled: ${error?.message ?? "unknown error"}`;
      }
      if (problem) {
        this.fail({ kind: "protocol", message: `the sandbox broke the protocol (${problem})` });
        return;
      }
    }
  }
  /** Handles one message; returns what is wrong with it, if anything. */
  onMessage(message) {
    if (typeof message !== "object" || message === null) return "a message that is not an object";
    const m = message;
    if (m.type === "output") {
      if (typeof m.text !== "string" || m.stream !== "stdout" && m.stream !== "stderr") return "malformed output";
      this.onOutput(m.stream, m.text, true);
      return void 0;
    }
    const pending = this.pending;
    if (m.type === "ready") {
      if (this.ready) return "a second ready";
      this.ready = true;
      this.endProvisional("ready");
      this.onSettled();
      if (!this.zygote && this.walled && this.child.pid !== void 0) {
        this.initPid = firstChild(this.child.pid);
        this.nodePid = this.initPid === void 0 ? void 0 : firstChild(this.initPid);
      }
      if (pending) this.arm(pending, pending.timeoutMs);
      return void 0;
    }
    if (!pending || m.id !== pending.id) return "an answer to no pending request";
    if (m.type === "item") {
      if (!pending.stream) return "an item for a request that expects none";
      if (m.index !== pending.received || pending.received >= pending.stream.count) return `item ${String(m.index)} out of turn`;
      if (typeof m.ok !== "boolean") return "malformed item";
      pending.received++;
      if (pending.stream.perItem) this.arm(pending, pending.timeoutMs);
      pending.stream.onItem(itemOf(m));
      return void 0;
    }
    if (m.type === "done") {
      if (!pending.stream) return "done for a request that expects items";
      this.settle({ ok: true, response: { type: "done", id: pending.id } });
      return void 0;
    }
    if (m.type === "loaded") {
      if (pending.stream || typeof m.ok !== "boolean") return "malformed load answer";
      this.settle({ ok: true, response: loadedOf(m) });
      return void 0;
    }
    return "an unknown message";
  }
  /**
   * (Re)starts the time limit of the running call. Wall-clock: a call gets `ms` from the moment the
   * previous one answered, and the whole request never more than its calls times the limit, whatever
   * the child sends.
   */
  arm(pending, ms) {
    clearTimeout(pending.timer);
    pending.armedAt ??= performance.now();
    const budget = pending.stream?.budgetMs;
    if (pending.deadline === void 0) {
      const calls = ms * (pending.stream?.perItem ? Math.max(1, pending.stream.count) : 1);
      pending.deadline = performance.now() + (budget !== void 0 ? Math.min(calls, budget) : calls);
    }
    const toDeadline = pending.deadline - performance.now();
    const left = Math.max(0, Math.min(ms, toDeadline));
    const failure = budget !== void 0 && toDeadline < ms ? { kind: "timeout", ms: pending.timeoutMs, budgetMs: budget } : { kind: "timeout", ms: pending.timeoutMs };
    pending.timer = setTimeout(() => this.fail(failure), left);
  }
  settle(outcome) {
    const pending = this.pending;
    if (!pending) return;
    this.pending = void 0;
    clearTimeout(pending.timer);
    pending.resolve({ ...outcome, ms: pending.armedAt === void 0 ? 0 : performance.now() - pending.armedAt });
  }
  die(failure) {
    if (!this.ready && failure.kind !== "start") failure = { kind: "start", message: describeStartFailure(failure) };
    if (!this.ready) {
      this.endProvisional(this.killed ? "abandoned" : "failed");
      if (this.zygote && !this.killed) this.zygote.broken = true;
      this.onSettled();
    }
    this.dead = true;
    this.stopWatching();
    this.settle({ ok: false, failure });
  }
  /** Tells isolation.ts, once, how a start through unproven walls ended. */
  endProvisional(outcome) {
    if (!this.provisional) return;
    this.provisional = false;
    provisionalStart(outcome, this.isolation);
  }
  stopWatching() {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = void 0;
  }
  /** Kills the child and fails the pending request with this failure. */
  fail(failure) {
    this.settle({ ok: false, failure });
    this.kill();
  }
  kill() {
    this.dead = true;
    this.killed = true;
    if (!this.ready) this.endProvisional("abandoned");
    this.stopWatching();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    if (this.zygote || !this.walled || this.child.pid === void 0) this.child.kill("SIGKILL");
    else this.killNamespace(this.child.pid, 0);
  }
  /**
   * Kills the namespace's first process, not unshare: the kernel ends every process in the namespace
   * before that one is reaped, so unshare's exit (which close() waits for) means none is left. Killed
   * first, unshare could leave a child that had not yet set its death signal: until unshare has
   * forked (a millisecond or two), wait for it.
   */
  killNamespace(pid, attempt) {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const init = this.initPid ?? firstChild(pid);
    if (init === void 0 && attempt < SANDBOX_BOUNDS.killPolls) {
      setTimeout(() => this.killNamespace(pid, attempt + 1), SANDBOX_BOUNDS.killPollMs);
      return;
    }
    try {
      if (init !== void 0) process.kill(init, "SIGKILL");
    } catch {
    }
    if (init === void 0) this.child.kill("SIGKILL");
    else setTimeout(() => this.child.kill("SIGKILL"), SANDBOX_BOUNDS.killGraceMs).unref();
  }
  get isReady() {
    return this.ready;
  }
  /** Whether this process runs behind unshare's walls. */
  get walled() {
    return this.isolation.level === "namespaces" || this.isolation.level === "user-namespace";
  }
  post(request) {
    this.child.stdio[3].write(encodeFrame(request));
  }
  request(request, timeoutMs, stream) {
    return new Promise((resolve) => {
      if (this.dead) {
        const failure = { kind: "crashed", code: null, signal: null, stderr: this.stderrTail };
        resolve({ ok: false, failure: this.ready ? failure : { kind: "start", message: describeStartFailure(failure) } });
        return;
      }
      const pending = { id: request.id, resolve, timer: void 0, timeoutMs, stream, received: 0, deadline: void 0 };
      this.pending = pending;
      if (this.ready) this.arm(pending, timeoutMs);
      else
        pending.timer = setTimeout(
          () => this.fail({ kind: "start", message: `it did not start within ${SANDBOX_BOUNDS.startupMs / 1e3} s` }),
          SANDBOX_BOUNDS.startupMs
        );
      this.post(request);
    });
  }
  /** The pid whose memory is watched: node's (behind unshare, known once the child is ready). */
  watchedPid() {
    if (this.zygote) {
      this.nodePid ??= this.child.pid;
      return this.nodePid;
    }
    return this.walled ? this.nodePid : this.child.pid;
  }
  // ArrayBuffers live outside V8's heap limit, so resident memory is watched too (Linux only).
  checkMemory() {
    const pid = this.watchedPid();
    if (pid === void 0) return;
    let status;
    try {
      status = readFileSync4(`/proc/${pid}/status`, "utf8");
    } catch {
      return;
    }
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    if (match && Number(match[1]) / 1024 > this.options.memoryMb + RSS_HEADROOM_MB) this.fail({ kind: "out-of-memory" });
  }
};
function fromShellStatus(code, signal) {
  if (signal !== null || code === null || code <= 128) return { code, signal };
  const name = signalName(code - 128);
  return name ? { code: null, signal: name } : { code, signal };
}
function describeStartFailure(failure) {
  switch (failure.kind) {
    case "crashed": {
      const how = failure.signal ? `was killed by ${failure.signal}` : failure.code !== null ? `exited with code ${failure.code}` : "could not be started";
      const said = failure.stderr.trim().split("\n").find((line) => line.trim() !== "");
      return `the sandbox process ${how} before it was ready${said ? `: ${said.slice(0, 300)}` : ""}`;
    }
    case "out-of-memory":
      return "the sandbox ran out of memory before it was ready (is --memory too small?)";
    case "timeout":
      return "the sandbox did not get ready in time";
    case "protocol":
    case "start":
      return failure.message;
  }
}
var Sandbox = class {
  constructor(options, zygote) {
    this.options = options;
    this.useZygote(zygote);
  }
  options;
  current;
  /** every child not known to have exited yet, the current one and those killed before it */
  living = /* @__PURE__ */ new Set();
  init;
  nextId = 1;
  /** receives everything learner code prints */
  onOutput = () => void 0;
  /** how many child processes were started, for the report */
  spawned = 0;
  /** told of each child process started, with the kernel's walls it got */
  onStart = () => void 0;
  /** the kernel's walls of the latest child process started */
  lastIsolation;
  /** told when a child process of this sandbox is ready, or died before it was */
  onSettled = () => void 0;
  gate;
  forkServer;
  /** Every request of this sandbox goes through the gate first (see gate.ts). */
  useGate(gate, kind) {
    this.gate = { gate, kind };
  }
  /** The fork server its processes come from, while it has one (see zygote.ts). */
  get zygote() {
    return this.forkServer;
  }
  /** Forks its processes from this zygote from now on (undefined: spawns them); the zygote lives while a sandbox holds it. */
  useZygote(zygote) {
    if (zygote === this.forkServer) return;
    this.forkServer?.release();
    this.forkServer = zygote;
    zygote?.retain();
  }
  /** Starts the child now, so its start-up overlaps the grader's own work. */
  warmUp() {
    this.process();
  }
  /** Sets the transpiled submission; sent to every child before its first request. */
  setFiles(init) {
    this.init = init;
    if (this.current && !this.current.dead) this.current.post(init);
  }
  process() {
    if (!this.current || this.current.dead) {
      const zygote = this.forkServer?.usable ? this.forkServer : void 0;
      const child = new SandboxProcess(this.options, (stream, text2, framed) => this.onOutput(stream, text2, framed), zygote);
      this.current = child;
      this.living.add(child);
      void child.exited.then(() => this.living.delete(child));
      this.spawned++;
      this.lastIsolation = child.isolation;
      this.onStart(child.isolation);
      child.onSettled = () => this.onSettled();
      if (this.init) this.current.post(this.init);
    }
    return this.current;
  }
  /**
   * Sends one request and waits for its answer, at most timeoutMs. A call request answers with one
   * item per call, passed to stream.onItem as they come, then "done".
   */
  async request(request, timeoutMs, stream) {
    const id = this.nextId++;
    const release = this.gate ? await this.gate.gate.enter(this.gate.kind) : void 0;
    try {
      const numbered = { ...request, id };
      const child = this.process();
      const outcome = await child.request(numbered, timeoutMs, stream);
      if (!outcome.ok && outcome.failure.kind === "start" && child.unproven) return await this.process().request(numbered, timeoutMs, stream);
      return outcome;
    } finally {
      release?.();
    }
  }
  /** Whether a child process has been started and is not yet ready (nor dead). */
  get starting() {
    return this.current !== void 0 && !this.current.dead && !this.current.isReady;
  }
  /** Whether a child process has been started at all. */
  get started() {
    return this.spawned > 0;
  }
  /** The process id of the current child, if one is running. */
  get pid() {
    return this.current && !this.current.dead ? this.current.child.pid : void 0;
  }
  /**
   * Kills the child; learner timers or handles can never keep the grader alive. Settles once every
   * child this sandbox started has exited, so the grader never leaves one behind.
   */
  close() {
    this.current?.kill();
    this.current = void 0;
    const zygote = this.forkServer;
    this.forkServer = void 0;
    return Promise.all([...this.living].map((child) => child.exited)).then(() => zygote?.release());
  }
};

export {
  DEFAULT_DIR,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MEMORY_MB,
  PACKAGE_FIXTURES,
  DEFAULT_JOBS,
  isolation,
  settledIsolation,
  isolationSoFar,
  sameSandboxOptions,
  startZygote,
  Sandbox
};
