import type { Emit } from "./emit.js";
import { BigIntCtor, ErrorCtor, floor, round } from "./intrinsics.js";

const LISTENER_METHODS = ["on", "once", "off", "addListener", "removeListener", "removeAllListeners"];

/** process: a stand-in; exercises need no environment, files or exit. */
export function makeProcess(emit: Emit, now: () => number) {
  const forbid = (what: string) => () => {
    throw new ErrorCtor(`${what} is not allowed in exercises`);
  };
  const writer = (stream: string) => ({
    write: (chunk: unknown, encoding?: unknown, callback?: unknown) => {
      emit(stream, chunk);
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") (done as () => void)();
      return true;
    },
    isTTY: false,
    columns: 80,
  });
  const hrtime = (previous?: [number, number]) => {
    const ns = round(now() * 1e6);
    const seconds = floor(ns / 1e9) - (previous?.[0] ?? 0);
    const nanos = (ns % 1e9) - (previous?.[1] ?? 0);
    return nanos < 0 ? [seconds - 1, nanos + 1e9] : [seconds, nanos];
  };
  hrtime.bigint = () => BigIntCtor(round(now() * 1e6));
  const processObject: Record<string, unknown> = {
    env: {},
    argv: ["node", "exercise"],
    execArgv: [],
    platform: "linux",
    version: "v20",
    versions: { node: "20" },
    exitCode: undefined,
    stdout: writer("stdout"),
    stderr: writer("stderr"),
    cwd: () => "/",
    hrtime,
    uptime: () => now() / 1000,
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    emitWarning: () => undefined,
    nextTick: () => undefined,
    exit: forbid("process.exit()"),
    abort: forbid("process.abort()"),
    kill: forbid("process.kill()"),
  };
  for (let i = 0; i < LISTENER_METHODS.length; i++) processObject[LISTENER_METHODS[i]] = () => processObject;
  return processObject;
}
