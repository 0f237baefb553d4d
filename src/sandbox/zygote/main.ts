/**
 * The fork server ("zygote"): a Node process started once in namespaces of its own, which walls
 * itself in (fork.c: wallIn) before it loads anything else, then loads the sandbox child's code and
 * forks one child per sandbox instead of starting Node again. It never runs learner code and reads nothing but the grader's commands on its control
 * channel (descriptor 3), one line each:
 *   F <slot> <channel fd> <stdout fd> <stderr fd> <last slot fd>  fork a child on that slot -> f <slot> <pid>
 *   K <pid>                                       kill that child
 * and says of each child that has ended, as soon as it has (killed or not): x <pid> <code> <signal>.
 * The grader cannot see a child's end in its streams: unshare, above the zygote, holds their other ends.
 * A forked child first walls itself in (fork.c: becomeChild), then runs the sandbox child as if
 * started with -e. The grader injects the child's code as globalThis.__convgradeChild.
 */
import { Buffer } from "node:buffer";
import { closeSync, readSync, writeSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

interface ForkAddon {
  wallIn(addon: string, uid: number, gid: number): void;
  harden(): void;
  fork(): number;
  becomeChild(channel: number, stdout: number, stderr: number, lastSlotFd: number): void;
  exit(code: number): never;
  kill(pid: number): void;
  reapAny(): [number, number, number] | null;
  waitReadable(fd: number, ms: number): boolean;
}

const CONTROL = 3;
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

function say(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(CONTROL, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(sleepCell, 0, 0, 1);
    }
  }
}

let pending = "";
const chunk = Buffer.alloc(4096);
/** children forked and not yet reaped: only these may be killed (a reaped pid may be reused) */
const living = new Set<number>();

/** Reaps every child that has ended, and tells the grader how. */
function reapEnded(addon: ForkAddon): void {
  for (let ended = addon.reapAny(); ended; ended = addon.reapAny()) {
    living.delete(ended[0]);
    say(`x ${ended[0]} ${ended[1]} ${ended[2]}`);
  }
}

/**
 * The next command line, blocking; undefined once the grader has closed the channel. While it waits,
 * children that end are reaped and reported within a few milliseconds.
 */
function readLine(addon: ForkAddon): string | undefined {
  for (;;) {
    const end = pending.indexOf("\n");
    if (end >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      return line;
    }
    reapEnded(addon);
    if (!addon.waitReadable(CONTROL, 5)) continue;
    let read: number;
    try {
      read = readSync(CONTROL, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") continue;
      throw error;
    }
    if (read === 0) return undefined;
    pending += chunk.toString("latin1", 0, read);
  }
}

/**
 * Two young-generation collections, so that what the zygote's start left in the young generation is
 * promoted here, once, and not copied by every forked child's first collection, on pages it must
 * first copy from the zygote's: that cost each child 10 to 45 ms of CPU. No full collection: it
 * leaves sweeping tasks for threads a forked child does not have, and the child's first collection
 * near its heap limit would wait for them for ever. `gc` is exposed only while it is fetched, in a
 * context of its own, so no realm made later has it.
 */
function promoteSurvivors(): void {
  setFlagsFromString("--expose-gc");
  const collect = runInNewContext("gc") as (options: { type: "minor" }) => void;
  setFlagsFromString("--no-expose-gc");
  collect({ type: "minor" });
  collect({ type: "minor" });
}

function main(): void {
  const holder = { exports: {} as ForkAddon };
  process.dlopen(holder, process.argv[1]);
  const addon: ForkAddon = holder.exports;
  // Started in new namespaces and no further (isolation.ts: forkServerCommand): the root, the user and
  // the capabilities first, before anything of the sandbox is loaded; a failure ends the zygote here.
  const [, addonPath, uid, gid] = process.argv;
  addon.wallIn(addonPath, Number(uid), Number(gid));
  addon.harden();
  // Node's own exit would join threads that exist only in the zygote: its children end with _exit.
  // Set before the child's code captures it.
  (process as unknown as { reallyExit: (code: number) => never }).reallyExit = (code) => addon.exit(code ?? 0);
  const global = globalThis as unknown as {
    __convgradeChild?: () => void;
    __convgradeScript?: () => void;
    __convgradeBootstrap?: string;
    __convgradeZygote?: { register(run: () => void, prepare: (bootstrap: string) => void): void };
  };
  let run: (() => void) | undefined;
  let prepare: ((bootstrap: string) => void) | undefined;
  global.__convgradeZygote = {
    register(childRun, childPrepare) {
      run = childRun;
      prepare = childPrepare;
    },
  };
  const load = global.__convgradeChild;
  // A test's compromised child instead: never run here, only whole in each forked child.
  const script = global.__convgradeScript;
  const bootstrap = global.__convgradeBootstrap;
  delete global.__convgradeChild;
  delete global.__convgradeScript;
  delete global.__convgradeBootstrap;
  if (typeof load === "function") load();
  delete global.__convgradeZygote;
  const child = typeof load === "function" ? run : script;
  if (typeof child !== "function") throw new Error("no sandbox child to fork");
  if (prepare && typeof bootstrap === "string") prepare(bootstrap);
  promoteSurvivors();
  say("r");
  for (;;) {
    const line = readLine(addon);
    if (line === undefined) addon.exit(0);
    const words = line.split(" ");
    const numbers = words.slice(1).map(Number);
    if (numbers.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`bad command: ${line.slice(0, 80)}`);
    if (words[0] === "F" && numbers.length === 5) {
      const [slot, channel, stdout, stderr, lastSlotFd] = numbers;
      const pid = addon.fork();
      if (pid === 0) {
        addon.becomeChild(channel, stdout, stderr, lastSlotFd);
        try {
          child();
        } finally {
          addon.exit(71);
        }
      }
      // The slot is the child's now: the zygote keeps none of its descriptors.
      for (const fd of [channel, stdout, stderr]) closeSync(fd);
      living.add(pid);
      say(`f ${slot} ${pid}`);
    } else if (words[0] === "K" && numbers.length === 1) {
      if (living.has(numbers[0])) addon.kill(numbers[0]);
    } else throw new Error(`bad command: ${line.slice(0, 80)}`);
  }
}

main();
