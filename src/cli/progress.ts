/**
 * Batch progress on stderr: a bar (cli-progress) on a terminal; in CI, in a pipe or with TERM=dumb,
 * one plain line per submission instead, which a log keeps readable.
 */

import { inline } from "../report/sanitize.js";
import type { BatchEvent } from "../result.js";

/** Whether to draw a bar: stderr is a terminal, and neither CI nor TERM=dumb says otherwise. */
export function useProgressBar(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.CI && env.TERM !== "dumb";
}

export interface Progress {
  onEvent(event: BatchEvent): void;
  stop(): void;
}

/** Lines for logs: `[3/40] alice 87/108 fail (1.2 s)`, names escaped as every reporter escapes them. */
export function lineProgress(write: (text: string) => void): Progress {
  return {
    onEvent(event) {
      if (event.type === "start") write(`grading ${event.total} submissions, ${event.jobs} at a time\n`);
      else {
        const r = event.summary;
        const score = r.status === "harness-error" ? `not graded: ${inline(r.message)}` : `${r.score}/${r.maxScore}`;
        const took = event.reused ? "stored result reused" : `${(event.durationMs / 1000).toFixed(1)} s`;
        write(`[${event.done}/${event.total}] ${inline(r.name)} ${score} ${r.status} (${took})\n`);
      }
    },
    stop() {},
  };
}

/** A bar on the terminal (stderr), loaded only when one is drawn. */
export async function barProgress(stream: NodeJS.WriteStream): Promise<Progress> {
  const { SingleBar, Presets } = (await import("cli-progress")).default;
  const bar = new SingleBar(
    { stream, format: "grading {bar} {value}/{total} submissions | {rate}/s | {duration_formatted} | {faults}", hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  const started = performance.now();
  let faults = 0;
  return {
    onEvent(event) {
      if (event.type === "start") bar.start(event.total, 0, { rate: "0.0", faults: "" });
      else {
        if (event.summary.status === "harness-error") faults++;
        const rate = (event.done / ((performance.now() - started) / 1000)).toFixed(1);
        bar.update(event.done, { rate, faults: faults ? `${faults} not graded (harness faults)` : "" });
      }
    },
    stop() {
      bar.stop();
    },
  };
}
