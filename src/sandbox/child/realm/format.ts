import { inspect } from "./inspect.js";
import { jsonStringify, NumberCtor, StringCtor, stringReplace, trunc } from "./intrinsics.js";

function formatOne(spec: string, arg: unknown): string {
  switch (spec) {
    case "%s":
      return typeof arg === "string" ? arg : inspect(arg, 1);
    case "%d":
      return StringCtor(NumberCtor(arg));
    case "%i":
      return StringCtor(trunc(NumberCtor(arg)));
    case "%f":
      return StringCtor(NumberCtor(arg));
    case "%j":
      try {
        return jsonStringify(arg) as string;
      } catch {
        return "[Circular]";
      }
    case "%c":
      return "";
    default:
      return inspect(arg, 4);
  }
}

/** util.format over a list of arguments: %s %d %i %f %j %o %O %c %%, then the rest inspected. */
export function formatList(args: unknown[]): string {
  let out = "";
  let rest = 0;
  if (typeof args[0] === "string" && args.length > 1) {
    let next = 1;
    out = stringReplace(args[0], /%[sdifjoOc%]/g, (spec: string) => (spec === "%%" ? "%" : next >= args.length ? spec : formatOne(spec, args[next++])));
    rest = next;
  } else if (args.length > 0) {
    out = inspect(args[0]);
    rest = 1;
  }
  for (let i = rest; i < args.length; i++) out += ` ${typeof args[i] === "string" ? (args[i] as string) : inspect(args[i])}`;
  return out;
}

/** util.format. */
export const format = (...args: unknown[]): string => formatList(args);
