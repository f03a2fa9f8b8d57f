/**
 * Where the seed files live. They are copies of shared/seed, kept in the repository so
 * that a clean clone can start a workspace on its own (see docs/decisions.md).
 */
export const seedFiles = {
  termsOfReference: new URL('../seed/terms-of-reference.md', import.meta.url),
  starterFramework: new URL('../seed/starter-framework.json', import.meta.url),
  frameworkSchema: new URL('../seed/pmo-framework-v1.schema.json', import.meta.url),
  /** Not in shared/seed: v2 is this repository's own (issue 15). */
  frameworkSchemaV2: new URL('../seed/pmo-framework-v2.schema.json', import.meta.url),
} as const
