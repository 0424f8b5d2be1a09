import { lexicographicSortSchema, printSchema } from "graphql";
import { schema } from "./index.ts";
import { rootPath } from "../shared/root.ts";

export const SCHEMA_FILE = rootPath("schema.graphql");

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
