import type { HostBridge } from "./bridge.js";
import { StringCtor, stringSlice } from "./intrinsics.js";

/** Writes learner output to one of the child's streams. */
export type Emit = (stream: string, text: unknown) => void;

/** Output to the child, bounded, never throwing into learner code. */
export function makeEmit(host: HostBridge): Emit {
  const hostOutput = host.output;
  const maxChunk = host.maxChunk;
  return (stream, text) => {
    try {
      let s = typeof text === "string" ? text : StringCtor(text);
      if (s.length > maxChunk) s = stringSlice(s, 0, maxChunk);
      hostOutput(stream, s);
    } catch {
      // output is best effort; a failure here must not become the learner's error
    }
  };
}
