// GraphQL Code Generator: types every operation written with graphql() in client/src from the
// printed schema. Run `npm run codegen`; `npm run codegen:check` fails when client/src/gql is stale.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["client/src/**/*.{ts,tsx}", "!client/src/gql/**/*"],
  ignoreNoDocuments: true,
  generates: {
    "client/src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: { unmaskFunctionName: "getFragmentData" } },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: "string" },
        avoidOptionals: false,
        skipTypename: false,
        nonOptionalTypename: true,
      },
    },
  },
};

export default config;
