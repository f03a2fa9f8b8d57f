/**
 * Publications of the framework, each a pure function of the exchange framework (toExchange
 * of the matrix document): a 1EdTech CASE 1.0 package (and reading one back), a standalone
 * HTML page and a Word document. Imported as `@studio/framework/publication`, so the web
 * app's bundle never pulls in the Word writer.
 */
export { toCasePackage, caseItemTypes, type CaseExportOptions } from './case/case-export.ts'
export { fromCasePackage, caseIdResolver, type CaseIdResolver } from './case/case-import.ts'
export { caseIdentifier, caseUri, type CaseAddressing } from './case/case-identifiers.ts'
export { validateCasePackage, looksLikeCasePackage, casePackageSchema, type CaseValidation } from './case/case-validation.ts'
export type { CasePackage } from './case/case-types.ts'
export { frameworkToHtml, type HtmlPublicationOptions } from './html-publication.ts'
export { frameworkToDocx } from './docx-publication.ts'
