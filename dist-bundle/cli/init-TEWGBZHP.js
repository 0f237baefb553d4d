import {
  ExitCode,
  HarnessError
} from "./chunk-V6W3VMAA.js";
import {
  EXERCISES
} from "./chunk-Y5N2JX36.js";

// src/cli/init.ts
import { relative, resolve } from "node:path";

// src/workspace/init.ts
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// src/workspace/templates.ts
var CLASSROOM_COMMAND = "npx convgrade check --reporter classroom --reporter github --min-score 0";
function packageJson(convgradeVersion) {
  const manifest = {
    name: "convolution-model-exercises",
    version: "1.0.0",
    private: true,
    description: 'My solutions to "Convolution model - Step by Step", graded by convgrade',
    type: "module",
    scripts: { check: "convgrade check" },
    devDependencies: { convgrade: `^${convgradeVersion}` }
  };
  return `${JSON.stringify(manifest, null, 2)}
`;
}
var TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      module: "ESNext",
      moduleResolution: "Bundler",
      lib: ["ES2022", "DOM"],
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true
    },
    include: ["exercises"]
  },
  null,
  2
)}
`;
var GITIGNORE = "node_modules/\n";
var README = `# Convolution model \u2013 Step by Step

The eight functions of the exercise are in \`exercises/\`, one file each. Replace each \`throw\` with
your code, in course order (later functions may use earlier ones):

1. \`zero-pad.ts\` \xB7 2. \`conv-single-step.ts\` \xB7 3. \`conv-forward.ts\` \xB7 4. \`pool-forward.ts\` \xB7
5. \`conv-backward.ts\` \xB7 6. \`create-mask-from-window.ts\` \xB7 7. \`distribute-value.ts\` \xB7 8. \`pool-backward.ts\`

## Check your work

\`\`\`sh
npm install                    # once
npm run check                  # grades every function
npx convgrade check zero_pad   # one function (snake_case or camelCase)
\`\`\`

You get points per function and, for each failing case, what is wrong, where, and a hint. A function you
have not started yet shows \u25CB and scores 0.

## The rules

- Keep each file's named export and its signature. The types come from convgrade:
  \`import type { Tensor4D, ConvHParameters } from "convgrade"\`.
- The functions are synchronous, and must never change their arguments in place.
- A file may import its sibling files (\`./zero-pad\`) and helper files of your own; not other packages,
  nor files, network or processes (\`node:fs\` and the like are not available).

## Handing in

Commit and push. \`.github/workflows/classroom.yml\` grades every push: the Actions tab shows the report,
with notes on your files, and GitHub Classroom records the points. Your instructor may also grade with
cases you have not seen, so compute the answers: copying the expected values will not pass them.
`;
var CLASSROOM_WORKFLOW = `# Grades every push with convgrade (written by \`convgrade init\`) and reports the points to GitHub Classroom.
name: Autograding
on:
  push:
  workflow_dispatch:
  repository_dispatch:
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  grade:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm install --no-audit --no-fund
      # classroom: the result GitHub Classroom's reporter reads, in this step's output "result";
      # github: notes on the learner's files in the Actions log. --min-score 0: this step fails only
      # for a fault of the grader (exit 2); the reporter step marks a learner's shortfall.
      - name: convgrade
        id: convgrade
        run: ${CLASSROOM_COMMAND}
      - name: Report the points to GitHub Classroom
        if: always()
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
          CONVGRADE_RESULTS: "\${{ steps.convgrade.outputs.result }}"
        with:
          runners: convgrade
`;

// src/workspace/init.ts
var PACKAGE_ROOT = new URL("../../", import.meta.url);
function workspaceFiles() {
  const stubs = fileURLToPath(new URL("exercises/", PACKAGE_ROOT));
  const shipped = new Set(readdirSync(stubs));
  const missing = EXERCISES.filter((exercise) => !shipped.has(exercise.file));
  if (missing.length) throw new HarnessError("INTERNAL", `the package lacks the stubs ${missing.map((e) => e.file).join(", ")} in ${stubs}`);
  const { version } = JSON.parse(readFileSync(new URL("package.json", PACKAGE_ROOT), "utf8"));
  return [
    ...EXERCISES.map((exercise) => ({ path: `exercises/${exercise.file}`, text: readFileSync(join(stubs, exercise.file), "utf8") })),
    { path: "package.json", text: packageJson(version) },
    { path: "tsconfig.json", text: TSCONFIG },
    { path: "README.md", text: README },
    { path: ".gitignore", text: GITIGNORE },
    { path: ".github/workflows/classroom.yml", text: CLASSROOM_WORKFLOW }
  ];
}
function taken(path) {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    if (error.code === "ENOENT") return false;
    throw error;
  }
}
function parentsWithin(path) {
  const parts = path.split("/").slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}
function isLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
function initWorkspace(dir) {
  const files = workspaceFiles();
  const linked = [...new Set(files.flatMap((file) => parentsWithin(file.path)))].filter((folder) => isLink(join(dir, folder)));
  if (linked.length)
    throw new HarnessError("USAGE", `${dir} has ${linked.join(", ")} as a symbolic link: init writes only into real folders, so it wrote nothing`);
  const existing = files.filter((file) => taken(join(dir, file.path))).map((file) => file.path);
  if (existing.length) {
    throw new HarnessError("USAGE", `${dir} already has ${existing.join(", ")}: init overwrites nothing, so it wrote nothing`);
  }
  const written = [];
  try {
    for (const file of files) {
      const path = join(dir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text, { flag: "wx" });
      written.push(path);
    }
  } catch (error) {
    for (const path of written) rmSync(path, { force: true });
    throw new HarnessError("USAGE", `could not write the workspace in ${dir}, so nothing was kept: ${error.message}`);
  }
  return files.map((file) => file.path);
}

// src/cli/init.ts
async function runInit(folder) {
  const dir = resolve(folder);
  const files = initWorkspace(dir);
  const inside = relative(process.cwd(), dir);
  const shown = inside === "" ? "." : inside.startsWith("..") ? dir : inside;
  const steps = [...shown === "." ? [] : [`cd ${shown}`], "npm install", "npm run check"];
  process.stdout.write(
    `Wrote a convgrade workspace in ${shown}:
${files.map((file) => `  ${file}
`).join("")}
Next:
${steps.map((step) => `  ${step}
`).join("")}`
  );
  return ExitCode.Pass;
}
export {
  runInit
};
