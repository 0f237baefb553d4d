/** The warning of a run whose sandboxes the kernel cannot cut off the network. */
import type { SandboxIsolation } from "../result.js";

/** Said loudly on stderr: hidden inputs could leave over the network if learner code took over its sandbox. */
export function warnIfNetworkOpen(walls: SandboxIsolation): void {
  if (!walls.network) return;
  process.stderr.write(
    `convgrade: WARNING: this machine cannot cut the sandbox off the network (${walls.reason ?? walls.level}).\n` +
      "convgrade: code that took over its sandbox process could send hidden inputs out. Run as root, allow user\n" +
      'convgrade: namespaces, or disable the network (see "Threat model" in the README); --require-isolation makes this an error.\n',
  );
}
