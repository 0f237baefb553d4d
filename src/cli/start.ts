/** Entry point of the `convgrade` command: start the sandbox early, then run the CLI. */
import { prestart } from "./prestart.js";

// A reader that stops early (`convgrade check | head`) is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const argv = process.argv.slice(2);
const early = prestart(argv);
const { main } = await import("./main.js");
const code = await main(argv, early);
// Nothing of the learner's runs in this process, but exit explicitly so no stray handle can delay us.
process.exit(code);
