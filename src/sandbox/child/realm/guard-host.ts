import type { HostBridge } from "./bridge.js";

/**
 * The bridges wrapped in functions of this realm that catch everything. A bridge is a function of the
 * child's realm: should it throw, even by overflowing the stack on its very entry, the error would be
 * the child's, and learner code catching it would hold the child's Function.
 */
export function guardHost(host: HostBridge): HostBridge {
  const { output, now, compile, resolve, dirname } = host;
  return {
    output: (stream, text) => {
      try {
        output(stream, text);
      } catch {
        // dropped: see above
      }
    },
    now: () => {
      try {
        return now();
      } catch {
        return 0;
      }
    },
    compile: (file, withLocals) => {
      try {
        return compile(file, withLocals);
      } catch {
        return "unusable:the sandbox ran out of stack while compiling it";
      }
    },
    resolve: (from, specifier) => {
      try {
        return resolve(from, specifier);
      } catch {
        return "";
      }
    },
    dirname: (file) => {
      try {
        return dirname(file);
      } catch {
        return "/";
      }
    },
    builtins: host.builtins,
    locals: host.locals,
    maxChunk: host.maxChunk,
  };
}
