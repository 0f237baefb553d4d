/**
 * The files of a learner workspace besides the stubs, as text. Kept as strings in the code rather than
 * as template files in the package: they are compiled and type-checked with it, need no path lookup at
 * run time, and npm cannot drop or rename them (npm pack leaves out any `.gitignore` it ships).
 */

/** The one command the workflow grades with: the reporters GitHub Classroom and the Actions log read. */
export const CLASSROOM_COMMAND = "npx convgrade check --reporter classroom --reporter github --min-score 0";

/** package.json: convgrade as a dev dependency of this version, and `npm run check`. */
export function packageJson(convgradeVersion: string): string {
  const manifest = {
    name: "convolution-model-exercises",
    version: "1.0.0",
    private: true,
    description: 'My solutions to "Convolution model - Step by Step", graded by convgrade',
    type: "module",
    scripts: { check: "convgrade check" },
    devDependencies: { convgrade: `^${convgradeVersion}` },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * tsconfig.json for the editor (and `npx tsc` where TypeScript is installed). Bundler resolution accepts
 * the imports convgrade accepts (`./zero-pad`, `./zero-pad.js`, `./zero-pad.ts`) and reads convgrade's
 * types through its "exports"; the DOM library declares console, structuredClone and performance, which the
 * sandbox provides.
 */
export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      module: "ESNext",
      moduleResolution: "Bundler",
      lib: ["ES2022", "DOM"],
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
    },
    include: ["exercises"],
  },
  null,
  2,
)}\n`;

export const GITIGNORE = "node_modules/\n";

export const README = `# Convolution model – Step by Step

The eight functions of the exercise are in \`exercises/\`, one file each. Replace each \`throw\` with
your code, in course order (later functions may use earlier ones):

1. \`zero-pad.ts\` · 2. \`conv-single-step.ts\` · 3. \`conv-forward.ts\` · 4. \`pool-forward.ts\` ·
5. \`conv-backward.ts\` · 6. \`create-mask-from-window.ts\` · 7. \`distribute-value.ts\` · 8. \`pool-backward.ts\`

## Check your work

\`\`\`sh
npm install                    # once
npm run check                  # grades every function
npx convgrade check zero_pad   # one function (snake_case or camelCase)
\`\`\`

You get points per function and, for each failing case, what is wrong, where, and a hint. A function you
have not started yet shows ○ and scores 0.

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

export const CLASSROOM_WORKFLOW = `# Grades every push with convgrade (written by \`convgrade init\`) and reports the points to GitHub Classroom.
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
