import type { CodegenConfig } from "@graphql-codegen/cli";

// Every document in src/ is typed from the served schema (committed as schema/schema.graphql).
// persistedDocuments: each document gets its sha256 hash, and persisted-documents.json maps
// "sha256:<hex>" -> document text; vite.config.ts copies it into the bundle.
const config: CodegenConfig = {
  schema: "../schema/schema.graphql",
  documents: ["src/**/*.tsx", "src/**/*.ts", "!src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: {
        fragmentMasking: { unmaskFunctionName: "getFragmentData" },
        persistedDocuments: { mode: "embedHashInDocument", hashPropertyName: "hash", hashAlgorithm: "sha256" },
      },
      config: {
        scalars: { Decimal: "string", DateTime: "string", Date: "string", Upload: "File" },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};
export default config;
