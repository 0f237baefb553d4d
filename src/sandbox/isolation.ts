/**
 * The kernel's walls around a sandbox process, which hold even if learner code owns that process
 * (its realm, its real `process`): no network, no other process to see, a root folder that holds
 * only the system's read-only /usr, and, when the grader is root, an unprivileged user.
 *
 * Built from util-linux's `unshare` and `setpriv` and two `mount`s, which nearly every Linux system
 * has: as root, namespaces directly; as any other user, inside a user namespace of its own (where
 * the kernel allows unprivileged ones). Probed once per grader process, strongest first; what could
 * not be had is reported (Isolation), never silently assumed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import { dirname } from "node:path";
import { SANDBOX_BOUNDS } from "../limits.js";
import type { SandboxIsolation } from "../result.js";

/** How a sandbox process is walled off by the kernel. */
export type Isolation = SandboxIsolation;

/** The user the sandbox runs as when the grader is root (nobody, on most Linux systems). */
const UNPRIVILEGED_ID = 65534;

/** Top-level folders the sandbox's root shows (read-only), when they exist; links are copied as links. */
const SYSTEM_FOLDERS = ["usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"];

interface Tools {
  unshare: string;
  setpriv: string;
  sh: string;
}

let probed: { isolation: Isolation; tools?: Tools; user?: { uid: number; gid: number } } | undefined;

function findTool(name: string): string | undefined {
  return ["/usr/bin", "/bin", "/usr/sbin", "/sbin"].map((folder) => `${folder}/${name}`).find((path) => existsSync(path));
}

/** uid and gid for the child: an unprivileged user when the grader is root. */
export function sandboxUser(env: NodeJS.ProcessEnv = process.env): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(env.CONVGRADE_SANDBOX_UID ?? UNPRIVILEGED_ID);
  const gid = Number(env.CONVGRADE_SANDBOX_GID ?? uid);
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid <= 0 || gid <= 0) return { uid: UNPRIVILEGED_ID, gid: UNPRIVILEGED_ID };
  return { uid, gid };
}

/** The system folders the sandbox's root binds (read-only) and the merged-/usr links it copies (usr/lib for lib -> usr/lib). */
function rootLayout(): { binds: string[]; links: string[] } {
  const links: string[] = [];
  const binds: string[] = [];
  for (const name of SYSTEM_FOLDERS) {
    let stat: ReturnType<typeof lstatSync> | undefined;
    try {
      stat = lstatSync(`/${name}`);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) {
      const target = readlinkSync(`/${name}`);
      // Only the usual merged-/usr links (lib -> usr/lib) are copied; anything else is bound as a folder.
      if (/^\/?usr\/[A-Za-z0-9_]+$/.test(target) && target.replace(/^\/?usr\//, "") === name) links.push(`usr/${name}`);
      else binds.push(name);
    } else if (stat.isDirectory()) binds.push(name);
  }
  return { binds, links };
}

/**
 * The shell script run first inside the new mount namespace: a fresh tmpfs becomes the sandbox's
 * root, with the system folders bound read-only (Node and its libraries live there) and nothing
 * else: no home, no /tmp of the host's, no /proc, no /dev. Shell built-ins and one process per step,
 * since each process costs a few milliseconds. Ends by running the command chrooted, as its child.
 */
function rootScript(node: string): string {
  const { binds, links } = rootLayout();
  const mounts = binds.map((name) => `mount --rbind -o ro /${name} ${name}`);
  // Node installed outside the system folders (nvm, a CI's tool cache): its binary alone is bound in.
  const outside = !binds.some((name) => node.startsWith(`/${name}/`)) && !links.some((link) => node.startsWith(`/${link.slice(4)}/`));
  const folders = [...binds, "tmp", ...(outside ? [`-p .${quote(dirname(node))}`] : [])];
  return [
    "set -e",
    // The grader's own cwd and /tmp are left behind: the new root lives on a tmpfs over /tmp.
    "mount -t tmpfs -o size=64k,mode=755,nosuid,nodev convgrade /tmp",
    "cd /tmp",
    `mkdir ${folders.join(" ")}`,
    ...mounts,
    ...(links.length > 0 ? [`ln -s ${links.join(" ")} .`] : []),
    ...(outside ? [`: > .${quote(node)}`, `mount --bind -o ro ${quote(node)} .${quote(node)}`] : []),
    // Read-only from now on: in a user namespace the sandbox is the tmpfs's owner, and the children of one
    // zygote share it (nothing one leaves may reach the next).
    "mount -o remount,ro,bind,nosuid,nodev /tmp",
    // Not exec: the shell stays the namespace's PID 1, so node is an ordinary process there (a
    // PID 1 ignores its own signals, SIGKILL and SIGABRT included) and ends as the host expects.
    'chroot /tmp "$@"',
  ].join("\n");
}

/** A path as one shell word. */
function quote(path: string): string {
  return `'${path.replace(/'/g, "'\\''")}'`;
}

/** Node's own binary, by its real path: the path the sandbox's root binds it at. */
function nodePath(): string {
  try {
    return realpathSync(process.execPath);
  } catch {
    return process.execPath;
  }
}

/** unshare's options for one level's namespaces, up to its command: dies with its caller, and its command with it. */
function namespaces(level: "namespaces" | "user-namespace"): string[] {
  return [...(level === "user-namespace" ? ["--user", "--map-root-user"] : []), "--net", "--mount", "--pid", "--fork", "--ipc", "--kill-child", "--"];
}

/** As root without namespaces of its own: setpriv's arguments that drop to the sandbox user, then run unshare. */
function asUserThenUnshare(tools: Tools, user: { uid: number; gid: number }): string[] {
  return [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--clear-groups", "--pdeathsig=SIGKILL", "--", tools.unshare];
}

/** unshare's arguments for one level; `command` runs chrooted as the sandbox's user, without privileges. */
function chainArgs(tools: Tools, level: "namespaces" | "user-namespace", user: { uid: number; gid: number } | undefined, command: string[]): string[] {
  const drop = [
    tools.setpriv,
    ...(user ? [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--clear-groups"] : []),
    // In a user namespace the process is that namespace's root: it keeps no capability.
    "--bounding-set=-all",
    "--inh-caps=-all",
    "--no-new-privs",
    // The uid change clears the parent-death signal unshare set: set it again.
    "--pdeathsig=SIGKILL",
    "--",
    ...command,
  ];
  return [...namespaces(level), tools.sh, "-c", rootScript(command[0]), "sh", ...drop];
}

/** The whole command of one level: as root without namespaces of its own, first drop to the sandbox user, then enter a user namespace. */
function levelCommand(tools: Tools, level: "namespaces" | "user-namespace", user: { uid: number; gid: number } | undefined, command: string[]) {
  if (level === "namespaces") return { command: tools.unshare, args: chainArgs(tools, level, user, command) };
  const inner = chainArgs(tools, level, undefined, command);
  if (!user) return { command: tools.unshare, args: inner };
  return { command: tools.setpriv, args: [...asUserThenUnshare(tools, user), ...inner] };
}

function probeLevel(tools: Tools, level: "namespaces" | "user-namespace", user: { uid: number; gid: number } | undefined): string | undefined {
  // Node itself must start in the new root: its libraries may live outside the system folders.
  const { command, args } = levelCommand(tools, level, user, [nodePath(), "--version"]);
  const probe = spawnSync(command, args, { env: {}, cwd: "/", encoding: "utf8", timeout: SANDBOX_BOUNDS.probeMs });
  if (probe.status === 0 && probe.stdout.trim() === process.version) return undefined;
  const said = `${probe.stderr ?? ""}`.trim().split("\n")[0] || probe.error?.message || `exit code ${probe.status}`;
  return said.slice(0, 200);
}

/** What can be known without starting anything: the fallback, the tools and the levels worth trying, strongest first. */
function candidates(env: NodeJS.ProcessEnv): {
  fallback: Isolation;
  user?: { uid: number; gid: number };
  tools?: Tools;
  levels: ("namespaces" | "user-namespace")[];
} {
  const user = sandboxUser(env);
  const fallback: Isolation = user ? { level: "user-only", network: true } : { level: "none", network: true };
  // For tests and for machines whose namespaces misbehave: the report says what the sandbox then lacks.
  if (env.CONVGRADE_SANDBOX_NAMESPACES === "0") return { fallback: { ...fallback, reason: "CONVGRADE_SANDBOX_NAMESPACES=0" }, user, levels: [] };
  if (process.platform !== "linux") return { fallback: { ...fallback, reason: `namespaces are Linux's (this is ${process.platform})` }, user, levels: [] };
  const unshare = findTool("unshare");
  const setpriv = findTool("setpriv");
  const sh = findTool("sh");
  if (!unshare || !setpriv || !sh) return { fallback: { ...fallback, reason: "util-linux's unshare and setpriv were not found" }, user, levels: [] };
  return { fallback, user, tools: { unshare, setpriv, sh }, levels: user ? ["namespaces", "user-namespace"] : ["user-namespace"] };
}

function probe(env: NodeJS.ProcessEnv): NonNullable<typeof probed> {
  const { fallback, user, tools, levels } = candidates(env);
  if (!tools) return { isolation: fallback, user };
  const reasons: string[] = [];
  for (const level of levels) {
    const failed = probeLevel(tools, level, user);
    if (failed === undefined) return { isolation: { level, network: false }, tools, user };
    reasons.push(`${level}: ${failed}`);
  }
  return { isolation: { ...fallback, reason: reasons.join("; ") }, user };
}

/**
 * The strongest level, not yet proven: sandboxes start through it at once rather than wait for a
 * probe. The first one to get ready proves it; one that fails before it is ready makes the probe run,
 * and the sandbox is started again with what the probe found (provisionalStart, Sandbox.request).
 */
let optimistic: { isolation: Isolation; tools: Tools; user?: { uid: number; gid: number } } | null | undefined;

function optimisticLevel(env: NodeJS.ProcessEnv): typeof optimistic {
  if (optimistic !== undefined) return optimistic;
  const { user, tools, levels } = candidates(env);
  optimistic = tools && levels.length > 0 ? { isolation: { level: levels[0], network: false }, tools, user } : null;
  return optimistic;
}

function probeNow(): NonNullable<typeof probed> {
  probed = probe(process.env);
  return probed;
}

/** What the sandboxes of this grader process get (probed on first use, unless a sandbox already proved it). */
export function isolation(env: NodeJS.ProcessEnv = process.env): Isolation {
  probed ??= probe(env);
  return probed.isolation;
}

/** Sandboxes started through the unproven level that have not yet got ready or died. */
let inFlight = 0;
const waiting: (() => void)[] = [];

function decided(): void {
  for (const wake of waiting.splice(0)) wake();
}

/**
 * How a sandbox started through the unproven level ended its start: ready (the level works), failed
 * before ready (the probe runs: the failure may be the walls'), or killed by us before it was ready.
 */
export function provisionalStart(outcome: "ready" | "failed" | "abandoned", level: Isolation): void {
  inFlight = Math.max(0, inFlight - 1);
  if (outcome === "ready" && !probed && optimistic && optimistic.isolation.level === level.level) probed = optimistic;
  else if (outcome === "failed") probed ??= probe(process.env);
  if (probed || inFlight === 0) decided();
}

/**
 * The walls, once known: proven by the first sandbox that gets ready behind the strongest level (no
 * probe of its own), or by the probe when none is starting or one failed to start.
 */
export async function settledIsolation(): Promise<Isolation> {
  if (!probed && inFlight > 0) {
    // A spare has no request, so no start-up limit of its own: one that hangs must not hold the run.
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      timer = setTimeout(resolve, SANDBOX_BOUNDS.startupMs);
    });
    clearTimeout(timer);
  }
  return isolation();
}

/** Whether sandboxes will start behind the kernel's walls (known or, until a start proves it, hoped): the fork server needs them. */
export function walledLevelExpected(): boolean {
  const level = knownLevel().isolation.level;
  return level === "namespaces" || level === "user-namespace";
}

/** The walls sandboxes get, as far as they are known now (not proven by a start until settledIsolation). */
export function isolationSoFar(): Isolation {
  return knownLevel().isolation;
}

/** The walls as far as they are known: probed, or the strongest level until a start proves it, or probed now. */
function knownLevel(): NonNullable<typeof probed> {
  return probed ?? optimisticLevel(process.env) ?? probeNow();
}

/**
 * The command that starts the fork server behind the walls of the level known now: node in new
 * namespaces and no further, as unshare's child (the namespace's first process). It puts up the rest
 * itself (fork.c: wallIn) before it loads any of the sandbox's code: a read-only root holding nothing of
 * the host's (it and its children never start a program, and a file shared with the host shares its page
 * cache, whose state a child can read: a channel between sandboxes), then the user and the capabilities
 * that setpriv gives a spawned sandbox. No shell, mounts or setpriv of its own: about 25 ms less per start.
 * Undefined where sandboxes get no namespaces: there is no fork server there.
 */
export function forkServerCommand(args: string[], addon: string): { command: string; args: string[]; isolation: Isolation; provisional: boolean } | undefined {
  const { isolation: level, tools, user } = knownLevel();
  if (!tools || (level.level !== "namespaces" && level.level !== "user-namespace")) return undefined;
  const provisional = probed === undefined;
  if (provisional) inFlight++;
  // As root, namespaces directly, and the zygote becomes the sandbox user itself; in a user namespace it
  // stays that namespace's root (the sandbox user outside, when the grader is root), without capabilities.
  const become = level.level === "namespaces" && user ? user : { uid: -1, gid: -1 };
  // The script's arguments: its native part, loaded from where it is before the walls go up, and the user.
  const walls = [addon, String(become.uid), String(become.gid)];
  const unshare = [...namespaces(level.level), nodePath(), ...args, ...walls];
  if (level.level === "user-namespace" && user)
    return { command: tools.setpriv, args: [...asUserThenUnshare(tools, user), ...unshare], isolation: level, provisional };
  return { command: tools.unshare, args: unshare, isolation: level, provisional };
}

/**
 * The command that starts a sandbox child: node itself, or node through the walls. `provisional`: the
 * walls are the strongest level, not yet proven (see optimisticLevel).
 */
export function sandboxCommand(args: string[]): {
  command: string;
  args: string[];
  user?: { uid: number; gid: number };
  isolation: Isolation;
  provisional: boolean;
} {
  const { isolation: level, tools, user } = knownLevel();
  const provisional = probed === undefined;
  if (provisional) inFlight++;
  if (tools && (level.level === "namespaces" || level.level === "user-namespace")) {
    return { ...levelCommand(tools, level.level, user, [nodePath(), ...args]), isolation: level, provisional };
  }
  return { command: process.execPath, args, user, isolation: level, provisional };
}
