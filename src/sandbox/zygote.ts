/**
 * The grader's side of the fork server (zygote/main.ts): one Node process started behind the
 * kernel's walls, with the sandbox child's code loaded, that forks a fresh process for each sandbox
 * in a few milliseconds instead of starting Node and the walls again (about 145 ms of CPU).
 *
 * Nothing is shared that a process of its own would not share: each forked child is used once,
 * walls itself in before any learner code runs (its own descriptors only, no process or thread of its
 * own, a seccomp filter without sockets, signals to others, IPC, keyrings or tracing: fork.c), and the
 * zygote never runs learner code. A zygote serves one trust domain: the sandboxes of one kind (shown
 * or hidden) of one submission; the gate kills it with them (sandbox-set.ts).
 *
 * Each forked child gets a slot: a channel, a stdout and a stderr socket passed to the zygote when it
 * started. Without the native part (no C compiler at install) or without the walls, there is no
 * zygote and every sandbox starts a process of its own, as before.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { SANDBOX_BOUNDS, ZYGOTE_SLOTS } from "../limits.js";
import { forkServerCommand, type Isolation, provisionalStart, walledLevelExpected } from "./isolation.js";
import { firstChild, signalName, statusField } from "./procfs.js";
import { realmSource } from "./realm-source.js";

const DIST = import.meta.url.endsWith(".ts") ? "../../dist/sandbox/" : "./";
const ADDON = fileURLToPath(new URL(`${DIST}fork.node`, import.meta.url));
const ZYGOTE_SCRIPT = fileURLToPath(new URL(`${DIST}zygote.cjs`, import.meta.url));

/**
 * The first descriptor of the first slot in the zygote; each slot has three (channel, stdout, stderr).
 * 4 to 9 stay closed: the native part briefly holds its own file on the lowest free one while it walls
 * the zygote in (fork.c: wallIn).
 */
const FIRST_SLOT_FD = 10;

let zygoteSource: string | undefined;

/** Why there is no fork server here, or undefined when there can be one. */
export function forkServerUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CONVGRADE_FORK_SERVER === "0") return "CONVGRADE_FORK_SERVER=0";
  if (process.platform !== "linux") return `not on Linux (${process.platform})`;
  if (!existsSync(ADDON) || !existsSync(ZYGOTE_SCRIPT)) return "its native part was not built (no C compiler at install?)";
  if (!walledLevelExpected()) return "the kernel's walls are not available";
  return undefined;
}

/** The options a zygote's children all share: they inherit its heap limit and its child code. */
export interface ZygoteOptions {
  memoryMb: number;
  /** the child's source: child.cjs, loaded once in the zygote */
  childSource: string;
  /** a test's compromised child instead, run whole in each forked child and never in the zygote */
  script?: string;
}

/** A child process forked by a zygote, seen as much like a spawned ChildProcess as SandboxProcess needs. */
export class ForkedChild extends EventEmitter {
  readonly stdio: [null, Readable, Readable, Readable & Writable];
  readonly stdout: Readable;
  readonly stderr: Readable;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  /** the child's pid in the sandbox's PID namespace, once the zygote has forked it */
  nsPid: number | undefined;
  private hostPidFound: number | undefined;
  /** chunks received on its streams, to tell when they have gone quiet after its end */
  private received = 0;
  private status: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private killWanted = false;
  private killSent = false;
  private closed = false;

  constructor(
    private readonly zygote: Zygote,
    private readonly streams: [Readable & Writable, Readable, Readable],
  ) {
    super();
    const [channel, stdout, stderr] = streams;
    this.stdout = stdout;
    this.stderr = stderr;
    this.stdio = [null, stdout, stderr, channel];
    // Its end is the zygote's word only (its "x" line, or the zygote's own end): a child can shut its
    // sockets down and go on running.
    for (const stream of streams) stream.on("data", () => this.received++);
  }

  /** The child's pid as the grader sees it (for its memory), found from the zygote's children. */
  get pid(): number | undefined {
    if (this.hostPidFound === undefined && this.nsPid !== undefined && this.status === undefined) this.hostPidFound = this.zygote.hostPidOf(this.nsPid);
    return this.hostPidFound;
  }

  /** The zygote forked it. */
  forked(nsPid: number): void {
    this.nsPid = nsPid;
    if (this.killWanted) this.kill();
  }

  kill(_signal?: NodeJS.Signals): boolean {
    if (this.status) return false;
    this.killWanted = true;
    if (this.nsPid === undefined || this.killSent) return true;
    this.killSent = true;
    this.zygote.kill(this.nsPid);
    return true;
  }

  /** How it ended, from the zygote's waitpid (or the zygote's own end, which takes its children along). */
  ended(code: number | null, signal: NodeJS.Signals | null): void {
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
  private drain(turns: number): void {
    const seen = this.received;
    setImmediate(() => {
      if (this.received !== seen && turns < 200) {
        this.drain(turns + 1);
        return;
      }
      if (this.closed) return;
      this.closed = true;
      for (const stream of this.streams) stream.destroy();
      this.emit("close", this.status!.code, this.status!.signal);
    });
  }
}

/** One fork server: a walled Node process that forks the sandboxes of one trust domain. */
export class Zygote {
  private readonly process: ChildProcess;
  private readonly control: Readable & Writable;
  readonly isolation: Isolation;
  private provisional: boolean;
  private readonly freeSlots: number[] = [];
  private readonly bySlot = new Map<number, ForkedChild>();
  private readonly byPid = new Map<number, ForkedChild>();
  private buffered = "";
  private ready = false;
  /** dead, closing, or found unable to fork: no child is asked of it any more */
  broken = false;
  private nodePid: number | undefined;
  private initPid: number | undefined;
  readonly exited: Promise<void>;
  private users = 0;
  private closing = false;

  /** A zygote for these options, or undefined where there can be none (forkServerUnavailable). */
  static start(options: ZygoteOptions): Zygote | undefined {
    if (forkServerUnavailable()) return undefined;
    return new Zygote(options);
  }

  private constructor(options: ZygoteOptions) {
    zygoteSource ??= readFileSync(ZYGOTE_SCRIPT, "utf8");
    // The child's code, and the realm bootstrap it would get in its hello, for the zygote to load once.
    const script = [
      options.script === undefined
        ? `globalThis.__convgradeChild = function () {\n${options.childSource}\n};`
        : `globalThis.__convgradeScript = function () {\n${options.script}\n};`,
      `globalThis.__convgradeBootstrap = ${JSON.stringify(realmSource())};`,
      zygoteSource,
    ].join("\n");
    const args = [
      "--experimental-permission",
      "--allow-addons",
      "--disable-warning=ExperimentalWarning",
      "--disable-warning=SecurityWarning",
      // fork() keeps only the calling thread: V8 must need no other.
      "--single-threaded",
      // So TurboFan compiles on the main thread, where short runs (most of a check's) pay for it and never
      // win it back: 8× the default budget before tiering up cut a check's CPU by about 100 to 200 ms, and
      // costs sustained loops (20 passes of convForward's cases) 0 to 15%.
      "--interrupt-budget=540000",
      `--max-old-space-size=${options.memoryMb}`,
      "-e",
      script,
    ];
    // Zygote.start checked that the walls are expected: forkServerCommand has a command for them.
    const start = forkServerCommand(args, ADDON) as NonNullable<ReturnType<typeof forkServerCommand>>;
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
        ...Array.from({ length: FIRST_SLOT_FD - 4 }, () => "ignore" as const),
        ...Array.from({ length: ZYGOTE_SLOTS * 3 }, () => "pipe" as const),
      ],
    });
    this.exited = new Promise((resolve) => {
      this.process.once("exit", () => resolve());
      this.process.once("error", () => {
        if (this.process.pid === undefined) resolve();
      });
    });
    this.control = this.process.stdio[3] as unknown as Readable & Writable;
    this.control.setEncoding("latin1");
    this.control.on("data", (text: string) => this.onControl(text));
    this.control.on("error", () => undefined);
    // Its own stderr says nothing the grader acts on (a child that fails to start is retried on its own).
    this.process.stderr!.resume();
    this.process.on("error", () => this.onExit());
    this.process.on("close", () => this.onExit());
    // An idle zygote does not keep the grader running; one with a child alive, or closing, does (see
    // holdGrader). Should the grader end without closing it, the zygote reads the end of its channel
    // and exits, its children with it.
    for (const stream of this.process.stdio) (stream as { unref?: () => void } | null)?.unref?.();
    this.holdGrader();
  }

  /** Whether a child may be asked of it now. */
  get usable(): boolean {
    return !this.broken && this.freeSlots.length > 0;
  }

  /** Children forked and not yet known to have ended. */
  private alive = 0;

  /**
   * Keeps the grader's event loop running while a child is alive or the zygote is closing (their ends
   * are awaited), and only then: a grader that forgot an idle zygote still exits.
   */
  private holdGrader(): void {
    if (this.alive > 0 || this.closing) this.process.ref();
    else this.process.unref();
  }

  /** A forked child on a free slot, or undefined when there is none (the caller starts a process of its own). */
  fork(): ForkedChild | undefined {
    if (!this.usable) return undefined;
    const slot = this.freeSlots.shift()!;
    const fd = FIRST_SLOT_FD + slot * 3;
    const streams = [fd, fd + 1, fd + 2].map((n) => this.process.stdio[n]) as [Readable & Writable, Readable, Readable];
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
  get isReady(): boolean {
    return this.ready;
  }

  kill(nsPid: number): void {
    this.send(`K ${nsPid}`);
  }

  private send(line: string): void {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    try {
      this.control.write(`${line}\n`);
    } catch {
      // the zygote is gone: its exit ends every child
    }
  }

  private onControl(text: string): void {
    this.buffered += text;
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

  private onReady(): void {
    if (this.ready) return;
    this.ready = true;
    if (this.provisional) {
      this.provisional = false;
      provisionalStart("ready", this.isolation);
    }
    // unshare's child is node itself, the namespace's first process (it walls itself in): found before any child is forked.
    if (this.process.pid !== undefined) {
      this.initPid = firstChild(this.process.pid);
      this.nodePid = this.initPid;
    }
  }

  private onExit(): void {
    this.broken = true;
    if (this.provisional) {
      this.provisional = false;
      provisionalStart(this.closing ? "abandoned" : "failed", this.isolation);
    }
    // Its children die with it (their parent-death signal): each ends as killed, or as never started.
    for (const child of [...this.bySlot.values(), ...this.byPid.values()]) child.ended(null, "SIGKILL");
    this.bySlot.clear();
    this.byPid.clear();
  }

  /** The host pid of one of its children, by the pid the zygote's namespace gives it. */
  hostPidOf(nsPid: number): number | undefined {
    if (this.nodePid === undefined) return undefined;
    let children: string[];
    try {
      children = readFileSync(`/proc/${this.nodePid}/task/${this.nodePid}/children`, "utf8").trim().split(" ");
    } catch {
      return undefined;
    }
    for (const pid of children) {
      try {
        const line = statusField(readFileSync(`/proc/${pid}/status`, "utf8"), "NSpid")?.split(/\s+/);
        if (line && Number(line[line.length - 1]) === nsPid) return Number(pid);
      } catch {
        // gone meanwhile
      }
    }
    return undefined;
  }

  /** A sandbox that may fork from it; once none holds it, it is killed. */
  retain(): void {
    this.users++;
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) void this.close();
  }

  /**
   * Kills the zygote's whole namespace (its children with it), and settles once it has exited. Killed
   * through the namespace's first process, as a sandbox is (host.ts: killNamespace).
   */
  close(): Promise<void> {
    this.broken = true;
    this.closing = true;
    this.holdGrader();
    if (this.process.exitCode !== null || this.process.signalCode !== null) return this.exited;
    const init = this.initPid ?? (this.process.pid === undefined ? undefined : firstChild(this.process.pid));
    try {
      if (init !== undefined) process.kill(init, "SIGKILL");
    } catch {
      // gone already
    }
    if (init === undefined) this.process.kill("SIGKILL");
    else setTimeout(() => this.process.kill("SIGKILL"), SANDBOX_BOUNDS.killGraceMs).unref();
    return this.exited;
  }
}
