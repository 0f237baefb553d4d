import type { Emit } from "./emit.js";
import { formatList } from "./format.js";
import { inspect } from "./inspect.js";
import { ErrorCtor, MapCtor, mapGet, mapSet, push, StringCtor, stringIndexOf, stringReplace, stringSlice, toFixed } from "./intrinsics.js";

/** console, writing through emit. */
export function makeConsole(emit: Emit, now: () => number) {
  let groupIndent = "";
  const write = (stream: string, args: unknown[]) => {
    let text = formatList(args);
    if (groupIndent) text = groupIndent + stringReplace(text, /\n/g, `\n${groupIndent}`);
    emit(stream, `${text}\n`);
  };
  const line =
    (stream: string) =>
    (...args: unknown[]) =>
      write(stream, args);
  const counts = new MapCtor<string, number>();
  const timers = new MapCtor<string, number>();
  const elapsed = (label: string) => {
    const start = mapGet(timers, label) as number | undefined;
    return start === undefined ? undefined : `${label}: ${toFixed(now() - start, 3)}ms`;
  };
  return {
    log: line("stdout"),
    info: line("stdout"),
    debug: line("stdout"),
    table: line("stdout"),
    dir: (value: unknown) => emit("stdout", `${inspect(value)}\n`),
    warn: line("stderr"),
    error: line("stderr"),
    trace: (...args: unknown[]) => {
      const stack = StringCtor(new ErrorCtor().stack ?? "");
      write("stderr", [`Trace: ${formatList(args)}${stringSlice(stack, stringIndexOf(stack, "\n"))}`]);
    },
    assert: (condition: unknown, ...args: unknown[]) => {
      if (!condition) write("stderr", [`Assertion failed${args.length ? `: ${formatList(args)}` : ""}`]);
    },
    group: (...args: unknown[]) => {
      if (args.length) write("stdout", args);
      groupIndent += "  ";
    },
    groupEnd: () => {
      groupIndent = stringSlice(groupIndent, 2);
    },
    count: (label = "default") => {
      const n = ((mapGet(counts, label) as number | undefined) ?? 0) + 1;
      mapSet(counts, label, n);
      write("stdout", [`${label}: ${n}`]);
    },
    countReset: (label = "default") => mapSet(counts, label, 0),
    time: (label = "default") => mapSet(timers, label, now()),
    timeLog: (label = "default", ...args: unknown[]) => {
      const text = elapsed(label);
      if (!text) return;
      const list: unknown[] = [text];
      for (let i = 0; i < args.length; i++) push(list, args[i]);
      write("stdout", list);
    },
    timeEnd: (label = "default") => {
      const text = elapsed(label);
      if (text) write("stdout", [text]);
    },
  };
}
