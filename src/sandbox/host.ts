/**
 * The grader's side of the sandbox: spawns the child under Node's permission model, frames requests,
 * enforces time and memory limits, and respawns a fresh child after a crash or a time-out.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MAX_FRAME_BYTES, RSS_HEADROOM_MB, SANDBOX_BOUNDS } from "../limits.js";
import { encodeFrame, FrameDecoder } from "./frames.js";
import type { SandboxKind, VisibilityGate } from "./gate.js";
import { type Isolation, provisionalStart, sandboxCommand } from "./isolation.js";
import { firstChild, signalName, statusField } from "./procfs.js";
import { type CallItem, type HelloRequest, type InitRequest, type Request, type Response, SECRET_BYTES } from "./protocol.js";
import * as realmBootstrap from "./realm-source.js";
import { itemOf, loadedOf } from "./validate.js";
import { type ForkedChild, Zygote } from "./zygote.js";

export { isolation, sandboxCommand, sandboxUser, settledIsolation } from "./isolation.js";

/** Why a request got no answer. */
export type SandboxFailure =
  | { kind: "timeout"; ms: number; budgetMs?: number }
  | { kind: "out-of-memory" }
  | { kind: "crashed"; code: number | null; signal: string | null; stderr: string }
  | { kind: "protocol"; message: string }
  /** the child died or hung before it ran anything of the learner's: a fault of the harness or its limits */
  | { kind: "start"; message: string };

/** A request's answer or why there was none; `ms`: how long it ran once the sandbox was ready (its start-up not counted). */
export type SandboxOutcome = ({ ok: true; response: Response } | { ok: false; failure: SandboxFailure }) & { ms?: number };

/**
 * Receives learner output. `framed` output came through console or process.stdout/stderr, in order
 * with the answers, so it belongs to the request running; the rest was written to a file descriptor
 * directly and cannot be attributed reliably.
 */
export type OutputListener = (stream: "stdout" | "stderr", text: string, framed: boolean) => void;

/** How to receive the items of a call request. */
export interface StreamOptions {
  onItem(item: CallItem): void;
  /** the time limit applies to each call rather than to the whole request */
  perItem: boolean;
  /** how many items the request must answer with, at most */
  count: number;
  /** the most the whole request may take, whatever the per-call limit allows (what is left of a function's budget) */
  budgetMs?: number;
}

export interface SandboxOptions {
  /** V8 heap limit of the child, in MiB; resident memory is capped a little above it */
  memoryMb: number;
  /** the child's source instead of child.cjs: tests play a compromised child with it */
  script?: string;
}

/** Whether two sandboxes' options are the same, every option compared (a new one included). */
export function sameSandboxOptions(a: SandboxOptions, b: SandboxOptions): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof SandboxOptions)[]);
  return [...keys].every((key) => a[key] === b[key]);
}

// The bundle is built into dist/ (scripts/build-child.mjs); run from source, our tests use that one.
const CHILD_SCRIPT = fileURLToPath(new URL(import.meta.url.endsWith(".ts") ? "../../dist/sandbox/child.cjs" : "./child.cjs", import.meta.url));

const O_CLOEXEC = 0o2000000;

let childSource: string | undefined;
let inherited: number[] | undefined;

/**
 * Node flags of the sandbox child. It is granted no file at all: its code comes with -e and the
 * submission's sources over the channel, so neither a link in the submission nor a path it learns
 * (argv, /proc) gives it anything to read. Child processes, workers, addons, WASI and the inspector
 * are refused by the permission model too.
 */
export function sandboxArgs(options: SandboxOptions): string[] {
  const source = childCode(options);
  return ["--experimental-permission", "--disable-warning=ExperimentalWarning", `--max-old-space-size=${options.memoryMb}`, "-e", source];
}

/** child.cjs, bundled as one function (scripts/build-child.mjs), so its names are not globals; read once. */
function childBundle(): string {
  childSource ??= readFileSync(CHILD_SCRIPT, "utf8");
  return childSource;
}

/** The code the child runs: the bundle, or a test's compromised child. */
function childCode(options: SandboxOptions): string {
  return options.script ?? childBundle();
}

/** A fork server for sandboxes with these options, or undefined where there can be none (zygote.ts). */
export function startZygote(options: SandboxOptions): Zygote | undefined {
  return Zygote.start({ memoryMb: options.memoryMb, childSource: childBundle(), script: options.script });
}

/**
 * Descriptors above the channel that the grader's caller left open without close-on-exec: the child
 * would inherit them (a log file, a socket). Read once from /proc; elsewhere, none are known.
 */
export function inheritedDescriptors(): number[] {
  if (inherited) return inherited;
  inherited = [];
  try {
    for (const name of readdirSync("/proc/self/fd")) {
      const fd = Number(name);
      if (!Number.isInteger(fd) || fd <= 3) continue;
      try {
        const flags = /flags:\s+([0-7]+)/.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"));
        if (flags && (parseInt(flags[1], 8) & O_CLOEXEC) === 0) inherited.push(fd);
      } catch {
        // closed meanwhile (the descriptor readdir itself used)
      }
    }
  } catch {
    // no /proc: nothing to do
  }
  return inherited;
}

/** One child process. Dead after a crash, a time-out, a protocol violation or kill(). */
class SandboxProcess {
  readonly child: ChildProcess | ForkedChild;
  /** the fork server it came from, if any (else it was spawned, walls and Node started anew) */
  private readonly zygote: Zygote | undefined;
  private readonly secret = randomBytes(SECRET_BYTES);
  private readonly decoder = new FrameDecoder(MAX_FRAME_BYTES, this.secret);
  private pending: Pending | undefined;
  private stderrTail = "";
  /** raw stderr held back once V8's fatal-error banner starts, until we know whether it was an out-of-memory death */
  private held: string | undefined;
  dead = false;
  /** set by kill(): output from then on is not the learner's */
  private killed = false;
  private ready = false;
  /** the kernel's walls around this process */
  readonly isolation: Isolation;
  /** started through walls not yet proven to work here: its start proves or refutes them (isolation.ts) */
  readonly unproven: boolean;
  private provisional: boolean;
  /** told once, when the child is ready (or has died before it was) */
  onSettled: () => void = () => undefined;
  /** the process running node, behind unshare and its namespace's shell (found when ready) */
  private nodePid: number | undefined;
  /** the first process of the sandbox's PID namespace: killing it kills every process in there */
  private initPid: number | undefined;
  /** settles once the child process is gone (reaped), whatever ended it */
  readonly exited: Promise<void>;
  private watcher: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: SandboxOptions,
    private readonly onOutput: OutputListener,
    zygote?: Zygote,
  ) {
    const forked = zygote?.fork();
    if (forked && zygote) {
      this.zygote = zygote;
      this.child = forked;
      this.isolation = zygote.isolation;
      // A start that fails is retried as a process of its own (Sandbox.request), without the zygote.
      this.unproven = true;
      this.provisional = false;
    } else {
      const start = sandboxCommand(sandboxArgs(options));
      this.isolation = start.isolation;
      this.unproven = start.provisional;
      this.provisional = start.provisional;
      this.child = spawn(start.command, start.args, {
        cwd: "/",
        env: {}, // nothing from the grader's environment (tokens, paths) reaches learner code
        stdio: ["ignore", "pipe", "pipe", "pipe"],
        ...start.user,
      });
    }
    this.exited = new Promise((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.once("error", () => {
        if (this.child.pid === undefined) resolve(); // never started: nothing to wait for
      });
    });
    this.child.stdout!.setEncoding("utf8").on("data", (text: string) => {
      if (!this.killed) this.onOutput("stdout", text, false);
    });
    this.child.stderr!.setEncoding("utf8").on("data", (text: string) => this.onStderr(text));
    const channel = this.child.stdio[3] as unknown as NodeJS.ReadWriteStream;
    channel.on("data", (chunk: Buffer) => this.onData(chunk));
    channel.on("error", () => undefined); // a dead child's channel errors; the exit handler reports it
    this.child.on("error", (error) => this.die({ kind: "crashed", code: null, signal: null, stderr: error.message }));
    // "close" waits for stderr to drain, so an out-of-memory report is complete.
    this.child.on("close", (exitCode, exitSignal) => {
      // Behind unshare, node is not PID 1 of its namespace (the shell is, see isolation.ts), and a
      // signal that ended it comes back as the shell's exit code 128 + n.
      const { code, signal } = this.walled && !this.zygote ? fromShellStatus(exitCode, exitSignal) : { code: exitCode, signal: exitSignal };
      // V8 aborts on heap exhaustion; learner code has no way to abort the process itself.
      const aborted = signal === "SIGABRT" || signal === "SIGTRAP" || signal === "SIGILL" || code === 134 || code === 133;
      const oom = aborted && /heap out of memory|Allocation failed/.test(this.stderrTail);
      if (this.held !== undefined && !oom) this.onOutput("stderr", this.held, false);
      this.held = undefined;
      this.die(oom ? { kind: "out-of-memory" } : { kind: "crashed", code, signal, stderr: this.stderrTail });
    });
    // Memory is watched for the child's whole life, not only while it answers a request.
    this.watcher = setInterval(() => this.checkMemory(), SANDBOX_BOUNDS.memoryWatchMs);
    this.watcher.unref();
    // The secret first, raw; then what the child needs before it runs anything of the learner's.
    // A forked child has the bootstrap already, parsed and warmed in its zygote (zygote.ts).
    const hello: HelloRequest = {
      type: "hello",
      closeFds: inheritedDescriptors(),
      bootstrap: this.zygote && !options.script ? "" : realmBootstrap.realmSource(),
    };
    channel.write(this.secret);
    this.post(hello);
  }

  private onStderr(text: string): void {
    this.stderrTail = (this.stderrTail + text).slice(-4000);
    // V8's out-of-memory report is ours to interpret, not learner output; anything else is passed on.
    if (this.held === undefined && /<--- Last few GCs --->|FATAL ERROR/.test(text)) this.held = "";
    if (this.held !== undefined) this.held = (this.held + text).slice(-16000);
    // Once killed, what comes is unshare's and the shell's word on the kill, not the learner's.
    else if (!this.killed) this.onOutput("stderr", text, false);
  }

  private onData(chunk: Buffer): void {
    if (this.dead) return;
    let messages: unknown[];
    try {
      messages = this.decoder.push(chunk);
    } catch (error) {
      this.fail({ kind: "protocol", message: (error as Error).message });
      return;
    }
    for (const message of messages) {
      let problem: string | undefined;
      try {
        problem = this.onMessage(message);
      } catch (error) {
        // A listener of ours failed on what the child sent: the child's fault, never the run's end.
        problem = `an answer that could not be handled: ${(error as Error)?.message ?? "unknown error"}`;
      }
      if (problem) {
        this.fail({ kind: "protocol", message: `the sandbox broke the protocol (${problem})` });
        return;
      }
    }
  }

  /** Handles one message; returns what is wrong with it, if anything. */
  private onMessage(message: unknown): string | undefined {
    if (typeof message !== "object" || message === null) return "a message that is not an object";
    const m = message as Record<string, unknown>;
    if (m.type === "output") {
      if (typeof m.text !== "string" || (m.stream !== "stdout" && m.stream !== "stderr")) return "malformed output";
      this.onOutput(m.stream, m.text, true);
      return undefined;
    }
    const pending = this.pending;
    if (m.type === "ready") {
      if (this.ready) return "a second ready";
      this.ready = true;
      this.endProvisional("ready");
      this.onSettled();
      // Found now, before any learner code runs (it could rename its process): the namespace's
      // first process (the shell) and its one child, node.
      // A forked child's is found by watchedPid().
      if (!this.zygote && this.walled && this.child.pid !== undefined) {
        this.initPid = firstChild(this.child.pid);
        this.nodePid = this.initPid === undefined ? undefined : firstChild(this.initPid);
      }
      if (pending) this.arm(pending, pending.timeoutMs);
      return undefined;
    }
    if (!pending || m.id !== pending.id) return "an answer to no pending request";
    if (m.type === "item") {
      if (!pending.stream) return "an item for a request that expects none";
      if (m.index !== pending.received || pending.received >= pending.stream.count) return `item ${String(m.index)} out of turn`;
      if (typeof m.ok !== "boolean") return "malformed item";
      pending.received++;
      if (pending.stream.perItem) this.arm(pending, pending.timeoutMs);
      pending.stream.onItem(itemOf(m));
      return undefined;
    }
    if (m.type === "done") {
      if (!pending.stream) return "done for a request that expects items";
      this.settle({ ok: true, response: { type: "done", id: pending.id } });
      return undefined;
    }
    if (m.type === "loaded") {
      if (pending.stream || typeof m.ok !== "boolean") return "malformed load answer";
      this.settle({ ok: true, response: loadedOf(m) });
      return undefined;
    }
    return "an unknown message";
  }

  /**
   * (Re)starts the time limit of the running call. Wall-clock: a call gets `ms` from the moment the
   * previous one answered, and the whole request never more than its calls times the limit, whatever
   * the child sends.
   */
  private arm(pending: Pending, ms: number): void {
    clearTimeout(pending.timer);
    pending.armedAt ??= performance.now();
    const budget = pending.stream?.budgetMs;
    if (pending.deadline === undefined) {
      const calls = ms * (pending.stream?.perItem ? Math.max(1, pending.stream.count) : 1);
      pending.deadline = performance.now() + (budget !== undefined ? Math.min(calls, budget) : calls);
    }
    const toDeadline = pending.deadline - performance.now();
    const left = Math.max(0, Math.min(ms, toDeadline));
    // Past the budget, not past the call's own limit: the function has used up its time.
    const failure: SandboxFailure =
      budget !== undefined && toDeadline < ms ? { kind: "timeout", ms: pending.timeoutMs, budgetMs: budget } : { kind: "timeout", ms: pending.timeoutMs };
    pending.timer = setTimeout(() => this.fail(failure), left);
  }

  private settle(outcome: SandboxOutcome): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve({ ...outcome, ms: pending.armedAt === undefined ? 0 : performance.now() - pending.armedAt });
  }

  private die(failure: SandboxFailure): void {
    // Before "ready", no learner code has run: whatever happened is the harness's.
    if (!this.ready && failure.kind !== "start") failure = { kind: "start", message: describeStartFailure(failure) };
    if (!this.ready) {
      this.endProvisional(this.killed ? "abandoned" : "failed");
      // Forked and dead before ready: the zygote does not serve here; the rest start on their own.
      if (this.zygote && !this.killed) this.zygote.broken = true;
      this.onSettled();
    }
    this.dead = true;
    this.stopWatching();
    this.settle({ ok: false, failure });
  }

  /** Tells isolation.ts, once, how a start through unproven walls ended. */
  private endProvisional(outcome: "ready" | "failed" | "abandoned"): void {
    if (!this.provisional) return;
    this.provisional = false;
    provisionalStart(outcome, this.isolation);
  }

  private stopWatching(): void {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = undefined;
  }

  /** Kills the child and fails the pending request with this failure. */
  fail(failure: SandboxFailure): void {
    this.settle({ ok: false, failure });
    this.kill();
  }

  kill(): void {
    this.dead = true;
    this.killed = true;
    if (!this.ready) this.endProvisional("abandoned");
    this.stopWatching();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    if (this.zygote || !this.walled || this.child.pid === undefined) this.child.kill("SIGKILL");
    else this.killNamespace(this.child.pid, 0);
  }

  /**
   * Kills the namespace's first process, not unshare: the kernel ends every process in the namespace
   * before that one is reaped, so unshare's exit (which close() waits for) means none is left. Killed
   * first, unshare could leave a child that had not yet set its death signal: until unshare has
   * forked (a millisecond or two), wait for it.
   */
  private killNamespace(pid: number, attempt: number): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const init = this.initPid ?? firstChild(pid);
    if (init === undefined && attempt < SANDBOX_BOUNDS.killPolls) {
      setTimeout(() => this.killNamespace(pid, attempt + 1), SANDBOX_BOUNDS.killPollMs);
      return;
    }
    try {
      if (init !== undefined) process.kill(init, "SIGKILL");
    } catch {
      // gone already
    }
    // Should unshare itself hang on, it goes too (at once when no namespace was ever made).
    if (init === undefined) this.child.kill("SIGKILL");
    else setTimeout(() => this.child.kill("SIGKILL"), SANDBOX_BOUNDS.killGraceMs).unref();
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Whether this process runs behind unshare's walls. */
  private get walled(): boolean {
    return this.isolation.level === "namespaces" || this.isolation.level === "user-namespace";
  }

  post(request: Request): void {
    (this.child.stdio[3] as unknown as NodeJS.WritableStream).write(encodeFrame(request));
  }

  request(request: Request & { id: number }, timeoutMs: number, stream?: StreamOptions): Promise<SandboxOutcome> {
    return new Promise((resolve) => {
      if (this.dead) {
        const failure: SandboxFailure = { kind: "crashed", code: null, signal: null, stderr: this.stderrTail };
        resolve({ ok: false, failure: this.ready ? failure : { kind: "start", message: describeStartFailure(failure) } });
        return;
      }
      const pending: Pending = { id: request.id, resolve, timer: undefined, timeoutMs, stream, received: 0, deadline: undefined };
      this.pending = pending;
      // Until the child says it is ready, only a generous start-up limit runs: a slow machine's Node
      // start-up must not eat into the learner's time.
      if (this.ready) this.arm(pending, timeoutMs);
      else
        pending.timer = setTimeout(
          () => this.fail({ kind: "start", message: `it did not start within ${SANDBOX_BOUNDS.startupMs / 1000} s` }),
          SANDBOX_BOUNDS.startupMs,
        );
      this.post(request);
    });
  }

  /** The pid whose memory is watched: node's (behind unshare, known once the child is ready). */
  private watchedPid(): number | undefined {
    if (this.zygote) {
      this.nodePid ??= this.child.pid;
      return this.nodePid;
    }
    return this.walled ? this.nodePid : this.child.pid;
  }

  // ArrayBuffers live outside V8's heap limit, so resident memory is watched too (Linux only).
  private checkMemory(): void {
    const pid = this.watchedPid();
    if (pid === undefined) return;
    let status: string;
    try {
      status = readFileSync(`/proc/${pid}/status`, "utf8");
    } catch {
      return;
    }
    const match = /^(\d+) kB$/.exec(statusField(status, "VmRSS") ?? "");
    if (match && Number(match[1]) / 1024 > this.options.memoryMb + RSS_HEADROOM_MB) this.fail({ kind: "out-of-memory" });
  }
}

/** A shell's exit status read back as what ended its command: 128 + n is signal n. */
function fromShellStatus(code: number | null, signal: NodeJS.Signals | null): { code: number | null; signal: NodeJS.Signals | null } {
  if (signal !== null || code === null || code <= 128) return { code, signal };
  const name = signalName(code - 128);
  return name ? { code: null, signal: name } : { code, signal };
}

function describeStartFailure(failure: SandboxFailure): string {
  switch (failure.kind) {
    case "crashed": {
      const how = failure.signal ? `was killed by ${failure.signal}` : failure.code !== null ? `exited with code ${failure.code}` : "could not be started";
      const said = failure.stderr
        .trim()
        .split("\n")
        .find((line) => line.trim() !== "");
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

interface Pending {
  id: number;
  resolve: (outcome: SandboxOutcome) => void;
  timer: NodeJS.Timeout | undefined;
  timeoutMs: number;
  stream?: StreamOptions;
  /** items received so far */
  received: number;
  /** the latest moment the request may end, set when its limit first starts */
  deadline: number | undefined;
  /** when its limit first started (the sandbox was ready) */
  armedAt?: number;
}

/** A sandbox that survives its child: after a crash or time-out the next request gets a fresh one. */
export class Sandbox {
  private current: SandboxProcess | undefined;
  /** every child not known to have exited yet, the current one and those killed before it */
  private readonly living = new Set<SandboxProcess>();
  private init: InitRequest | undefined;
  private nextId = 1;
  /** receives everything learner code prints */
  onOutput: OutputListener = () => undefined;
  /** how many child processes were started, for the report */
  spawned = 0;
  /** told of each child process started, with the kernel's walls it got */
  onStart: (isolation: Isolation) => void = () => undefined;
  /** the kernel's walls of the latest child process started */
  lastIsolation: Isolation | undefined;
  /** told when a child process of this sandbox is ready, or died before it was */
  onSettled: () => void = () => undefined;

  private gate: { gate: VisibilityGate; kind: SandboxKind } | undefined;
  private forkServer: Zygote | undefined;

  constructor(
    readonly options: SandboxOptions,
    zygote?: Zygote,
  ) {
    this.useZygote(zygote);
  }

  /** Every request of this sandbox goes through the gate first (see gate.ts). */
  useGate(gate: VisibilityGate, kind: SandboxKind): void {
    this.gate = { gate, kind };
  }

  /** The fork server its processes come from, while it has one (see zygote.ts). */
  get zygote(): Zygote | undefined {
    return this.forkServer;
  }

  /** Forks its processes from this zygote from now on (undefined: spawns them); the zygote lives while a sandbox holds it. */
  useZygote(zygote: Zygote | undefined): void {
    if (zygote === this.forkServer) return;
    this.forkServer?.release();
    this.forkServer = zygote;
    zygote?.retain();
  }

  /** Starts the child now, so its start-up overlaps the grader's own work. */
  warmUp(): void {
    this.process();
  }

  /** Sets the transpiled submission; sent to every child before its first request. */
  setFiles(init: InitRequest): void {
    this.init = init;
    if (this.current && !this.current.dead) this.current.post(init);
  }

  private process(): SandboxProcess {
    if (!this.current || this.current.dead) {
      const zygote = this.forkServer?.usable ? this.forkServer : undefined;
      const child = new SandboxProcess(this.options, (stream, text, framed) => this.onOutput(stream, text, framed), zygote);
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
  async request(request: Request, timeoutMs: number, stream?: StreamOptions): Promise<SandboxOutcome> {
    const id = this.nextId++;
    const release = this.gate ? await this.gate.gate.enter(this.gate.kind) : undefined;
    try {
      const numbered = { ...request, id } as Request & { id: number };
      const child = this.process();
      const outcome = await child.request(numbered, timeoutMs, stream);
      // Started through walls that turned out not to work here: once more, through those that do.
      if (!outcome.ok && outcome.failure.kind === "start" && child.unproven) return await this.process().request(numbered, timeoutMs, stream);
      return outcome;
    } finally {
      release?.();
    }
  }

  /** Whether a child process has been started and is not yet ready (nor dead). */
  get starting(): boolean {
    return this.current !== undefined && !this.current.dead && !this.current.isReady;
  }

  /** Whether a child process has been started at all. */
  get started(): boolean {
    return this.spawned > 0;
  }

  /** The process id of the current child, if one is running. */
  get pid(): number | undefined {
    return this.current && !this.current.dead ? this.current.child.pid : undefined;
  }

  /**
   * Kills the child; learner timers or handles can never keep the grader alive. Settles once every
   * child this sandbox started has exited, so the grader never leaves one behind.
   */
  close(): Promise<void> {
    this.current?.kill();
    this.current = undefined;
    const zygote = this.forkServer;
    this.forkServer = undefined;
    return Promise.all([...this.living].map((child) => child.exited)).then(() => zygote?.release());
  }
}
