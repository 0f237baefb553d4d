/**
 * The sandboxes of one check: a process of its own for each graded function and each visibility,
 * never reused, so learner code that owned one process (its realm, its real `process`) holds
 * nothing another function's grading touches. To hide the start-up cost, a spare process is
 * started ahead while the previous one works, and handed out unused.
 */
import { availableParallelism } from "node:os";
import { type SandboxKind, VisibilityGate } from "./gate.js";
import { Sandbox, type SandboxOptions, sameSandboxOptions, startZygote } from "./host.js";
import type { Isolation } from "./isolation.js";
import type { InitRequest } from "./protocol.js";
import type { Zygote } from "./zygote.js";

export class SandboxSet {
  private readonly gate: VisibilityGate;
  /** every sandbox handed out or kept spare, by kind, until it is closed */
  private readonly live: Record<SandboxKind, Set<Sandbox>> = { shown: new Set(), hidden: new Set() };
  /** released (killed), not yet known to have exited */
  private readonly closing: Record<SandboxKind, Set<Promise<void>>> = { shown: new Set(), hidden: new Set() };
  /** started, never used: the next take() of that kind gets one */
  private readonly spares: Record<SandboxKind, Sandbox[]> = { shown: [], hidden: [] };
  private closed = false;
  private init: InitRequest | undefined;
  /** processes started, for the report and the bench */
  private started = 0;
  /** shown sandboxes still to be taken, once the run knows (plan()): no spare is started beyond them */
  private remaining: number | undefined;
  /**
   * Spares starting at once, at most: one per core. Fewer leave a core idle (a start is mostly CPU, and
   * spares started one at a time were most of a check's time); more would not start sooner, and would
   * take more CPU from the learner code running meanwhile, whose time limits are wall-clock.
   */
  private readonly maxStarting = Math.max(1, availableParallelism());
  /** the kernel's walls the sandboxes got (the weakest, should they differ) */
  isolation: Isolation | undefined;
  /**
   * The fork server new sandboxes of a kind come from (zygote.ts): one trust domain each, so the gate
   * kills a kind's zygotes with its processes, and the next of that kind gets a fresh one.
   */
  private readonly zygotes: Record<SandboxKind, Zygote | undefined> = { shown: undefined, hidden: undefined };
  /** every zygote of a kind not yet closed, those replaced once their slots ran out included */
  private readonly zygotesOf: Record<SandboxKind, Set<Zygote>> = { shown: new Set(), hidden: new Set() };
  /** a zygote failed to start here: the rest of the run spawns its processes */
  private noForkServer = false;

  /**
   * `spareCount`: how many spares of a kind to keep warm (one per job). `early`: shown sandboxes
   * already starting (the CLI starts them before it has even loaded), used as the first spares.
   */
  constructor(
    private readonly options: SandboxOptions,
    private spareCount: number,
    early: readonly Sandbox[] = [],
  ) {
    this.gate = new VisibilityGate((kind) => this.closeKind(kind));
    const earlyZygote = early.find((sandbox) => sandbox.zygote)?.zygote;
    if (earlyZygote && this.gate.mayStart("shown")) this.holdZygote("shown", earlyZygote);
    if (early.length > 0 && this.gate.mayStart("shown")) this.spares.shown.push(...early.map((sandbox) => this.adopt("shown", sandbox)));
  }

  private holdZygote(kind: SandboxKind, zygote: Zygote): void {
    zygote.retain();
    this.zygotes[kind] = zygote;
    this.zygotesOf[kind].add(zygote);
  }

  /** The zygote a new sandbox of this kind forks from: the kind's current one, or a new one once that one is spent. */
  private zygoteFor(kind: SandboxKind): Zygote | undefined {
    const current = this.zygotes[kind];
    if (current?.usable) return current;
    if (current) {
      if (current.broken && !current.isReady) this.noForkServer = true;
      this.zygotes[kind] = undefined;
      current.release();
    }
    if (this.noForkServer || this.closed) return undefined;
    const zygote = startZygote(this.options);
    if (!zygote) {
      this.noForkServer = true;
      return undefined;
    }
    this.holdZygote(kind, zygote);
    void zygote.exited.then(() => this.zygotesOf[kind].delete(zygote));
    return zygote;
  }

  /** The transpiled submission, for every sandbox of the set, those to come included. */
  setFiles(init: InitRequest): void {
    this.init = init;
    for (const kind of ["shown", "hidden"] as const) for (const sandbox of this.live[kind]) sandbox.setFiles(init);
  }

  /** Keeps no spare from now on (hidden cases will come: each switch would kill them unused). */
  noSpares(): void {
    this.spareCount = 0;
    for (const spare of this.spares.shown.splice(0)) void this.release(spare);
  }

  /**
   * The run will take `count` shown sandboxes in all: each is started now, ahead of its use, so that
   * their start-ups overlap each other and the grading (at most `ahead` at a time).
   */
  plan(count: number, ahead: number): void {
    this.remaining = count;
    if (this.spareCount > 0) this.spareCount = Math.max(this.spareCount, ahead);
    for (const spare of this.spares.shown.splice(count)) void this.release(spare);
    this.fillSpares("shown");
  }

  /** A fresh sandbox for one function's cases of one kind, used for nothing else. */
  take(kind: SandboxKind): Sandbox {
    if (kind === "shown" && this.remaining !== undefined) this.remaining = Math.max(0, this.remaining - 1);
    const sandbox = this.spares[kind].shift() ?? this.adopt(kind, new Sandbox(this.options));
    this.fillSpares(kind);
    return sandbox;
  }

  /**
   * Starts spares of this kind now, when that kind may be alive (the gate lets only one kind live at a
   * time). Only shown ones: hidden cases come between shown ones, and each switch kills the spares.
   */
  fillSpares(kind: SandboxKind): void {
    if (this.closed || kind !== "shown" || !this.gate.mayStart(kind)) return;
    const wanted = Math.min(this.spareCount, this.remaining ?? this.spareCount);
    while (this.spares[kind].length < wanted) this.spares[kind].push(this.adopt(kind, new Sandbox(this.options)));
    this.startSpares();
  }

  /** Starts spares in the order they will be taken, a few at a time (maxStarting); each start that settles makes room for the next. */
  private startSpares(): void {
    if (this.closed) return;
    let starting = this.spares.shown.filter((spare) => spare.starting).length;
    for (const spare of this.spares.shown) {
      if (starting >= this.maxStarting) return;
      if (spare.started) continue;
      spare.warmUp();
      starting++;
    }
  }

  private adopt(kind: SandboxKind, sandbox: Sandbox): Sandbox {
    sandbox.useGate(this.gate, kind);
    // A zygote's children all run its code with its heap limit: only a sandbox of the set's own options may fork from it.
    if (!sandbox.started && sameSandboxOptions(sandbox.options, this.options)) sandbox.useZygote(this.zygoteFor(kind));
    sandbox.onSettled = () => this.startSpares();
    sandbox.onStart = (isolation) => {
      this.started++;
      // The report names the weakest walls any sandbox of the run had.
      if (!this.isolation || rank(isolation) < rank(this.isolation)) this.isolation = isolation;
    };
    if (sandbox.lastIsolation) sandbox.onStart(sandbox.lastIsolation);
    if (this.init) sandbox.setFiles(this.init);
    this.live[kind].add(sandbox);
    return sandbox;
  }

  /**
   * Kills a sandbox handed out by take(), once its function is graded. The kill is sent at once; the
   * wait for the process to be gone is the gate's and close()'s, not the next function's.
   */
  release(sandbox: Sandbox): Promise<void> {
    for (const kind of ["shown", "hidden"] as const) {
      if (!this.live[kind].delete(sandbox)) continue;
      const exited = sandbox.close();
      this.closing[kind].add(exited);
      void exited.then(() => this.closing[kind].delete(exited));
      return exited;
    }
    return sandbox.close();
  }

  /** Kills every process of one kind, spares included; settles once they, and those released before, have exited. */
  private async closeKind(kind: SandboxKind): Promise<void> {
    this.spares[kind].length = 0;
    const zygotes = [...this.zygotesOf[kind]];
    this.zygotes[kind] = undefined;
    this.zygotesOf[kind].clear();
    // The zygotes' namespaces, and every child in them, go at once: a namespace is gone only when all its
    // processes are (the kernel kills them with its first process), so waiting for each child's own
    // end first would only add the zygote's reaping delay.
    await Promise.all([...[...this.live[kind]].map((sandbox) => sandbox.close()), ...this.closing[kind], ...zygotes.map((zygote) => zygote.close())]);
  }

  /** How many sandbox processes this set started. */
  get processes(): number {
    return this.started;
  }

  /** Kills everything; settles once every process has exited. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.closeKind("shown"), this.closeKind("hidden")]);
  }
}

function rank(isolation: Isolation): number {
  return ["none", "user-only", "user-namespace", "namespaces"].indexOf(isolation.level);
}
