// Before `npm start`: generate the Prisma client, build the web client and compile the server
// only when their inputs changed since the last run (a SHA-256 of the input files, kept next to
// each output). A restart with nothing changed skips them all, silently; when one runs, its output
// is printed. `--server` (before npm run payouts and npm run reconcile): only compile the server
// and its tools, which never regenerates the Prisma client (two tools started at once would both
// write it).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");

/** Every file under these paths (directories recursively, in a stable order). */
function files(paths, skip = () => false) {
  const out = [];
  const walk = (path) => {
    if (!existsSync(path) || skip(relative(root, path))) return;
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
    else out.push(path);
  };
  for (const path of paths) walk(join(root, path));
  return out;
}

function hashOf(paths, skip) {
  const hash = createHash("sha256");
  hash.update(process.version);
  for (const file of files(paths, skip)) hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

/** Runs `command` unless `stamp` holds the inputs' hash and `output` exists; then records the hash. */
function step(name, { inputs, skip, output, stamp, command }) {
  const hash = hashOf(inputs, skip);
  const stampPath = join(root, stamp);
  if (existsSync(join(root, output)) && existsSync(stampPath) && readFileSync(stampPath, "utf8").trim() === hash) return;
  console.log(`${name}: inputs changed, running ${command.join(" ")}`);
  const result = spawnSync(process.execPath, command, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // Renamed into place: a build running at the same time never reads half a stamp.
  const temporary = `${stampPath}.${process.pid}.tmp`;
  writeFileSync(temporary, `${hash}\n`);
  renameSync(temporary, stampPath);
}

const serverOnly = process.argv.includes("--server");
if (serverOnly && !existsSync(join(root, "server/generated/prisma/client.ts"))) {
  console.error("The Prisma client is not generated yet: run npm start once (or npm run generate).");
  process.exit(2);
}

if (!serverOnly)
  step("Prisma client", {
    inputs: [
      "prisma/schema.prisma",
      "prisma.config.ts",
      "scripts/prisma.mjs",
      "node_modules/prisma/package.json",
      "node_modules/@prisma/client/package.json",
    ],
    output: "server/generated/prisma/client.ts",
    stamp: "server/generated/.inputs-sha256",
    command: ["scripts/prisma.mjs", "generate"],
  });

if (!serverOnly)
  step("Client build", {
    inputs: ["client", "package-lock.json"],
    // The build's own output, and what does not go into the bundle.
    skip: (path) => path === "client/dist" || path === "client/scripts" || path === "client/README.md",
    output: "client/dist/index.html",
    stamp: "client/dist/.inputs-sha256",
    command: ["node_modules/vite/bin/vite.js", "build", "client", "--logLevel", "warn"],
  });

step("Server build", {
  inputs: ["server", "scripts", "package-lock.json", "tsconfig.json"],
  // Tests are not in the bundles.
  skip: (path) => path.endsWith(".test.ts"),
  output: "dist/server/main.js",
  stamp: "dist/.inputs-sha256",
  command: ["scripts/build-server.mjs"],
});
