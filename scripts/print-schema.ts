// Writes schema.graphql from the code (npm run schema). test/schema.test.ts fails when it differs.
import { writeFileSync } from "node:fs";
import { printedSchema, SCHEMA_FILE } from "../server/schema/print.ts";

writeFileSync(SCHEMA_FILE, printedSchema());
console.log(`wrote ${SCHEMA_FILE}`);
