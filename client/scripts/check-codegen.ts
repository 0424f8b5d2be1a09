// Fails when client/src/gql differs from what codegen.ts generates now (run `npm run codegen`).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { generate } from "@graphql-codegen/cli";
import config from "../../codegen.ts";

const root = resolve(import.meta.dirname, "../..");
process.chdir(root);
const outputs = (await generate({ ...config, silent: true, verbose: false }, false)) as { filename: string; content: string }[];
const problems: string[] = [];
const expected = new Set<string>();
for (const output of outputs) {
  const file = resolve(root, output.filename);
  expected.add(file);
  if (!existsSync(file)) problems.push(`missing: ${relative(root, file)}`);
  else if (readFileSync(file, "utf8") !== output.content) problems.push(`stale: ${relative(root, file)}`);
}
const dir = join(root, "client/src/gql");
for (const name of readdirSync(dir)) {
  if (!expected.has(join(dir, name))) problems.push(`not generated: client/src/gql/${name}`);
}
if (problems.length > 0) {
  console.error(`Generated GraphQL code is out of date. Run \`npm run codegen\` and commit client/src/gql.\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`client/src/gql is up to date (${outputs.length} files).`);
