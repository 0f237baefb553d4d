import { jsonStringify, StringCtor, stringSlice } from "./intrinsics.js";

/**
 * What was thrown, read here in the realm as strings: the child must never read a learner error's
 * stack itself (its first read calls the learner's Error.prepareStackTrace with call sites of the
 * reader's realm).
 */
export function describeThrown(error: unknown): Record<string, unknown> {
  const record: Record<string, unknown> = { __proto__: null, name: "Error", message: "" } as unknown as Record<string, unknown>;
  try {
    if (typeof error === "object" && error !== null && ("message" in error || "stack" in error)) {
      const e = error as { name?: unknown; message?: unknown; stack?: unknown };
      record.name = StringCtor(e.name ?? "Error");
      record.message = StringCtor(e.message ?? "");
      const stack = e.stack;
      if (typeof stack === "string") record.stack = stack;
    } else {
      record.name = "thrown value";
      const shown =
        typeof error === "string"
          ? (jsonStringify(error.length > 60 ? `${stringSlice(error, 0, 60)}…` : error) as string)
          : typeof error === "object" && error !== null
            ? "an object"
            : StringCtor(error);
      record.message = `threw ${shown} instead of an Error`;
    }
  } catch {
    record.message = "threw a value that could not be read";
  }
  return record;
}
