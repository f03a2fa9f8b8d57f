export { richTextExtensions, richTextField } from './text/rich-text-extensions.ts'
export { markdownToJSON, markdownToYUpdate, yDocToMarkdown } from './text/markdown.ts'
export { seedFiles } from './seed.ts'
export * from './matrix/index.ts'
