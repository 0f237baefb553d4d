/** `convgrade init [folder]`: writes a learner workspace and says what to do next. */
import { relative, resolve } from "node:path";
import { ExitCode } from "../errors.js";
import { initWorkspace } from "../workspace/init.js";

/** Writes the workspace into folder (default: the current one) and prints its files and the next steps. */
export async function runInit(folder: string): Promise<number> {
  const dir = resolve(folder);
  const files = initWorkspace(dir);
  const inside = relative(process.cwd(), dir);
  const shown = inside === "" ? "." : inside.startsWith("..") ? dir : inside;
  const steps = [...(shown === "." ? [] : [`cd ${shown}`]), "npm install", "npm run check"];
  process.stdout.write(
    `Wrote a convgrade workspace in ${shown}:\n${files.map((file) => `  ${file}\n`).join("")}\nNext:\n${steps.map((step) => `  ${step}\n`).join("")}`,
  );
  return ExitCode.Pass;
}
