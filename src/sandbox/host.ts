/**
 * The grader's side of the sandbox: spawns the child under Node's permission model, frames requests,
 * enforces time and memory limits, and respawns a fresh child after a crash or a time-out.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { encodeFrame, FrameDecoder } from "./frames.js";
import type { CallItem, InitRequest, Request, Response } from "./protocol.js";

/** Why a request got no answer. */
export type SandboxFailure =
  | { kind: "timeout"; ms: number }
  | { kind: "out-of-memory" }
  | { kind: "crashed"; code: number | null; signal: string | null; stderr: string }
  | { kind: "protocol"; message: string };

export type SandboxOutcome = { ok: true; response: Response } | { ok: false; failure: SandboxFailure };

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
}

export interface SandboxOptions {
  /** submission folder: the only thing besides its own code that the child may read */
  dir: string;
  /** V8 heap limit of the child, in MiB; resident memory is capped a little above it */
  memoryMb: number;
}

const CHILD_SCRIPT = fileURLToPath(new URL("./child.cjs", import.meta.url));
/** Frames above this are refused: a value of MAX_ELEMENTS numbers and its arguments fit well within. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;
const RSS_HEADROOM_MB = 128;
/** How long a child may take to start before it counts as crashed. */
const STARTUP_LIMIT_MS = 30_000;
const WATCH_INTERVAL_MS = 50;

let childSource: string | undefined;

/**
 * Node flags of the sandbox child. Its code is passed with -e, so the submission folder is the only
 * path it may read: not even the grader's own files, nor a path found in its argv.
 */
export function sandboxArgs(options: SandboxOptions): string[] {
  childSource ??= readFileSync(CHILD_SCRIPT, "utf8");
  return [
    "--experimental-permission",
    `--allow-fs-read=${realpathSync(options.dir)}`,
    "--disable-warning=ExperimentalWarning",
    `--max-old-space-size=${options.memoryMb}`,
    "-e",
    childSource,
  ];
}

/** One child process. Dead after a crash, a time-out or kill(). */
class SandboxProcess {
  readonly child: ChildProcess;
  private readonly decoder = new FrameDecoder(MAX_FRAME_BYTES);
  private pending:
    | { id: number; resolve: (outcome: SandboxOutcome) => void; timer: NodeJS.Timeout; timeoutMs: number; stream?: StreamOptions }
    | undefined;
  private stderrTail = "";
  /** raw stderr held back once V8's fatal-error banner starts, until we know whether it was an out-of-memory death */
  private held: string | undefined;
  dead = false;
  private ready = false;
  private watcher: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: SandboxOptions,
    private readonly onOutput: OutputListener,
  ) {
    this.child = spawn(process.execPath, sandboxArgs(options), {
      cwd: options.dir,
      env: {}, // nothing from the grader's environment (tokens, paths) reaches learner code
      stdio: ["ignore", "pipe", "pipe", "pipe"],
    });
    this.child.stdout!.setEncoding("utf8").on("data", (text: string) => this.onOutput("stdout", text, false));
    this.child.stderr!.setEncoding("utf8").on("data", (text: string) => this.onStderr(text));
    const channel = this.child.stdio[3] as unknown as NodeJS.ReadWriteStream;
    channel.on("data", (chunk: Buffer) => this.onData(chunk));
    channel.on("error", () => undefined); // a dead child's channel errors; the exit handler reports it
    this.child.on("error", (error) => this.die({ kind: "crashed", code: null, signal: null, stderr: error.message }));
    // "close" waits for stderr to drain, so an out-of-memory report is complete.
    this.child.on("close", (code, signal) => {
      // V8 aborts on heap exhaustion; learner code cannot abort (process.abort throws), so this is trustworthy.
      const aborted = signal === "SIGABRT" || signal === "SIGTRAP" || signal === "SIGILL" || code === 134 || code === 133;
      const oom = aborted && /heap out of memory|Allocation failed/.test(this.stderrTail);
      if (this.held !== undefined && !oom) this.onOutput("stderr", this.held, false);
      this.held = undefined;
      this.die(oom ? { kind: "out-of-memory" } : { kind: "crashed", code, signal, stderr: this.stderrTail });
    });
  }

  private onStderr(text: string): void {
    this.stderrTail = (this.stderrTail + text).slice(-4000);
    // V8's out-of-memory report is ours to interpret, not learner output; anything else is passed on.
    if (this.held === undefined && /<--- Last few GCs --->|FATAL ERROR/.test(text)) this.held = "";
    if (this.held !== undefined) this.held = (this.held + text).slice(-16000);
    else this.onOutput("stderr", text, false);
  }

  private onData(chunk: Buffer): void {
    let messages: unknown[];
    try {
      messages = this.decoder.push(chunk);
    } catch (error) {
      this.fail({ kind: "protocol", message: (error as Error).message });
      return;
    }
    for (const message of messages) this.onMessage(message);
  }

  private onMessage(message: unknown): void {
    if (typeof message !== "object" || message === null) return;
    const m = message as Partial<Response>;
    if (m.type === "output") {
      if (typeof m.text === "string") this.onOutput(m.stream === "stderr" ? "stderr" : "stdout", m.text, true);
      return;
    }
    const pending = this.pending;
    if (m.type === "ready" && !this.ready) {
      // Sent before any learner code runs, so it cannot be forged early.
      this.ready = true;
      if (pending) {
        clearTimeout(pending.timer);
        pending.timer = setTimeout(() => this.fail({ kind: "timeout", ms: pending.timeoutMs }), pending.timeoutMs);
      }
      return;
    }
    if (!pending || (m as { id?: unknown }).id !== pending.id) return; // stale or forged: ignore
    if (m.type === "item" && pending.stream) {
      if (pending.stream.perItem) {
        clearTimeout(pending.timer);
        pending.timer = setTimeout(() => this.fail({ kind: "timeout", ms: pending.timeoutMs }), pending.timeoutMs);
      }
      pending.stream.onItem(m as CallItem);
      return;
    }
    this.settle({ ok: true, response: m as Response });
  }

  private settle(outcome: SandboxOutcome): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = undefined;
    pending.resolve(outcome);
  }

  private die(failure: SandboxFailure): void {
    this.dead = true;
    this.settle({ ok: false, failure });
  }

  /** Kills the child and fails the pending request with this failure. */
  fail(failure: SandboxFailure): void {
    this.settle({ ok: false, failure });
    this.kill();
  }

  kill(): void {
    this.dead = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }

  post(request: Request): void {
    (this.child.stdio[3] as NodeJS.WritableStream).write(encodeFrame(request));
  }

  request(request: Request & { id: number }, timeoutMs: number, stream?: StreamOptions): Promise<SandboxOutcome> {
    return new Promise((resolve) => {
      if (this.dead) {
        resolve({ ok: false, failure: { kind: "crashed", code: null, signal: null, stderr: this.stderrTail } });
        return;
      }
      // Until the child says it is ready, only a generous start-up limit runs: a slow machine's Node
      // start-up must not eat into the learner's time.
      const timer = this.ready
        ? setTimeout(() => this.fail({ kind: "timeout", ms: timeoutMs }), timeoutMs)
        : setTimeout(() => this.fail({ kind: "crashed", code: null, signal: null, stderr: "the sandbox did not start" }), STARTUP_LIMIT_MS);
      this.pending = { id: request.id, resolve, timer, timeoutMs, stream };
      this.watcher = setInterval(() => this.checkMemory(), WATCH_INTERVAL_MS);
      this.post(request);
    });
  }

  // ArrayBuffers live outside V8's heap limit, so resident memory is watched too (Linux only).
  private checkMemory(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    let status: string;
    try {
      status = readFileSync(`/proc/${pid}/status`, "utf8");
    } catch {
      return;
    }
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    if (match && Number(match[1]) / 1024 > this.options.memoryMb + RSS_HEADROOM_MB) this.fail({ kind: "out-of-memory" });
  }
}

/** A sandbox that survives its child: after a crash or time-out the next request gets a fresh one. */
export class Sandbox {
  private current: SandboxProcess | undefined;
  private init: InitRequest | undefined;
  private nextId = 1;
  /** receives everything learner code prints */
  onOutput: OutputListener = () => undefined;
  /** how many child processes were started, for the report */
  spawned = 0;

  constructor(readonly options: SandboxOptions) {}

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
      this.current = new SandboxProcess(this.options, (stream, text, framed) => this.onOutput(stream, text, framed));
      this.spawned++;
      if (this.init) this.current.post(this.init);
    }
    return this.current;
  }

  /**
   * Sends one request and waits for its answer, at most timeoutMs. A call request answers with one
   * item per call, passed to stream.onItem as they come, then "done".
   */
  request(request: Request, timeoutMs: number, stream?: StreamOptions): Promise<SandboxOutcome> {
    const id = this.nextId++;
    return this.process().request({ ...request, id } as Request & { id: number }, timeoutMs, stream);
  }

  /** Kills the child; learner timers or handles can never keep the grader alive. */
  close(): void {
    this.current?.kill();
    this.current = undefined;
  }
}
