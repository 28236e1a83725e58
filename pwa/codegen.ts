import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for every operation in src/features/**/*.graphql and src/lib/**/*.graphql,
// generated from the server's SDL (pwa/schema.graphql, written by `rjhub schema`).
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: {
        // Operations are imported as `XxxDocument` from src/gql/graphql.ts; no fragment masking.
        fragmentMasking: false,
      },
      config: {
        useTypeImports: true,
        // String unions instead of TS enums: no runtime code for enums.
        enumsAsTypes: true,
        // Mirror the server's scalars: RFC 3339 date-times and YYYY-MM-DD dates, strings on the wire.
        scalars: { DateTime: 'string', NaiveDate: 'string' },
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        skipTypename: true,
        dedupeFragments: true,
      },
    },
  },
};

export default config;
