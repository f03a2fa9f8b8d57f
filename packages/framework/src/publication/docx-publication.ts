/**
 * The framework as a Word document with the structure of the HTML publication: real Word
 * headings (Heading 1 the framework, 2 each domain, 3 each competency, 4 its parts), so the
 * navigation pane lists them; the levels' descriptors with their indicators as bulleted
 * lists; references as links; and a table of expected levels per role (with a column for
 * each PMO type that overrides it) whose header row repeats across pages. Each domain starts
 * a page, a heading keeps with what follows, and a table row never splits. A contents list
 * after the title links to every domain and competency (bookmarks on their headings), so a
 * reader of a long framework can jump, in Word, LibreOffice or a viewer, without a field to
 * update first. Made with the `docx` library; text goes in as runs, so nothing in a name can
 * become markup.
 */
import {
  AlignmentType, Bookmark, Document, ExternalHyperlink, HeadingLevel, InternalHyperlink, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
  type ParagraphChild,
} from 'docx'
import type { ExchangeCompetency, ExchangeExpectation, ExchangeFramework } from '../matrix/exchange-format.ts'
import { safeUrl } from '../meetings/rich-text-html.ts'
import {
  descriptorAt, expectationOf, levelLabel, overridingPmoTypes, publishedFramework, type PublishedCompetency, type PublishedFramework,
} from './published-framework.ts'

const relationLabels = { exact: 'exact match', close: 'close match', related: 'related' } as const
/** A4 in twentieths of a point, with 2 cm margins. */
const a4 = { width: 11906, height: 16838, margin: 1134 }

export async function frameworkToDocx(framework: ExchangeFramework): Promise<Buffer> {
  const published = publishedFramework(framework)
  const document = new Document({
    title: framework.title,
    description: 'PMO competency framework',
    creator: 'Working Group Studio',
    // Sizes in half-points: headings a reader can tell apart at a glance, body text at 11 pt.
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22 } },
        heading1: { run: { size: 40, bold: true, color: '1A1A1A' }, paragraph: { spacing: { after: 200 } } },
        heading2: { run: { size: 32, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 360, after: 120 } } },
        heading3: { run: { size: 26, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 280, after: 80 } } },
        heading4: { run: { size: 22, bold: true, color: '404040' }, paragraph: { spacing: { before: 160, after: 60 } } },
      },
    },
    sections: [{
      properties: { page: { size: { width: a4.width, height: a4.height, orientation: PageOrientation.PORTRAIT }, margin: { top: a4.margin, bottom: a4.margin, left: a4.margin, right: a4.margin } } },
      children: [
        heading(framework.title, HeadingLevel.HEADING_1),
        ...metaLines(framework),
        ...contents(published),
        ...scale(published),
        ...published.domains.flatMap((domain) => [
          heading(`${domain.code} ${domain.domain.name}`, HeadingLevel.HEADING_2, { pageBreakBefore: true, anchor: anchorOf(domain.code) }),
          ...paragraphs(domain.domain.description),
          ...domain.competencies.flatMap((competency) => competencyBlock(published, competency)),
        ]),
      ],
    }],
  })
  return Packer.toBuffer(document)
}

type Heading = (typeof HeadingLevel)[keyof typeof HeadingLevel]

function heading(text: string, level: Heading, options: { pageBreakBefore?: boolean; anchor?: string } = {}): Paragraph {
  const { anchor, ...paragraph } = options
  const run = new TextRun(text)
  return new Paragraph({ heading: level, keepNext: true, keepLines: true, children: [anchor ? new Bookmark({ id: anchor, children: [run] }) : run], ...paragraph })
}

/** A bookmark name from a code (`D2.C3` → `D2_C3`): Word takes letters, digits and underscores. */
const anchorOf = (code: string) => code.replace('.', '_')

function contents(published: PublishedFramework): Paragraph[] {
  if (published.domains.length === 0) return []
  const entry = (text: string, code: string, domain: boolean) => new Paragraph({
    keepNext: domain,
    spacing: domain ? { before: 120 } : {},
    indent: domain ? {} : { left: 400 },
    children: [new InternalHyperlink({ anchor: anchorOf(code), children: [new TextRun({ text, style: 'Hyperlink', bold: domain })] })],
  })
  return [
    heading('Contents', HeadingLevel.HEADING_2),
    ...published.domains.flatMap((domain) => [
      entry(`${domain.code} ${domain.domain.name}`, domain.code, true),
      ...domain.competencies.map(({ competency, code }) => entry(`${code} ${competency.name}`, code, false)),
    ]),
  ]
}

function paragraphs(text: string | undefined): Paragraph[] {
  if (!text?.trim()) return []
  return text.trim().split(/\n{2,}/).map((part) => new Paragraph({ children: part.split('\n').map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : 0 })) }))
}

function metaLines(framework: ExchangeFramework): Paragraph[] {
  const parts = [framework.version && `Version ${framework.version}`, framework.status && `Status: ${framework.status}`, framework.licence && `Licence: ${framework.licence}`]
    .filter((part): part is string => Boolean(part))
  return parts.length > 0 ? [new Paragraph({ children: [new TextRun({ text: parts.join(' · '), italics: true })] })] : []
}

function scale(published: PublishedFramework): Paragraph[] {
  return [
    heading('The scale of levels', HeadingLevel.HEADING_2),
    ...published.levels.map((level) => new Paragraph({
      children: [new TextRun({ text: `${level.rank} ${level.name}`, bold: true }), new TextRun(level.description?.trim() ? `: ${level.description.trim()}` : '')],
    })),
    ...(published.roles.length > 0 ? [heading('Roles', HeadingLevel.HEADING_3)] : []),
    ...published.roles.map((role) => new Paragraph({
      children: [new TextRun({ text: role.name, bold: true }), new TextRun(role.description?.trim() ? `: ${role.description.trim()}` : '')],
    })),
  ]
}

function competencyBlock(published: PublishedFramework, { competency, code }: PublishedCompetency): Array<Paragraph | Table> {
  return [
    heading(`${code} ${competency.name}`, HeadingLevel.HEADING_3, { anchor: anchorOf(code) }),
    ...paragraphs(competency.description),
    ...descriptors(published, competency),
    ...references(competency),
    ...expectations(published, competency),
  ]
}

function descriptors(published: PublishedFramework, competency: ExchangeCompetency): Paragraph[] {
  const blocks = published.levels.flatMap((level) => {
    const descriptor = descriptorAt(competency, level.rank)
    if (!descriptor) return []
    return [
      new Paragraph({ keepNext: true, children: [new TextRun({ text: `${level.rank} ${level.name}`, bold: true }), new TextRun(descriptor.summary ? `: ${descriptor.summary}` : '')] }),
      ...descriptor.indicators.map((indicator) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(indicator)] })),
    ]
  })
  return blocks.length > 0 ? [heading('At each level', HeadingLevel.HEADING_4), ...blocks] : []
}

function references(competency: ExchangeCompetency): Paragraph[] {
  const list = competency.references ?? []
  if (list.length === 0) return []
  return [
    heading('References', HeadingLevel.HEADING_4),
    ...list.map((reference) => {
      const label = [reference.scheme, reference.code].filter(Boolean).join(' ') + (reference.title ? `: ${reference.title}` : '')
      const url = reference.uri ? safeUrl(reference.uri) : null
      const children: ParagraphChild[] = [
        url ? new ExternalHyperlink({ link: url, children: [new TextRun({ text: label, style: 'Hyperlink' })] }) : new TextRun(label),
        new TextRun(` (${relationLabels[reference.relation]})`),
      ]
      return new Paragraph({ bullet: { level: 0 }, children })
    }),
  ]
}

function expectations(published: PublishedFramework, competency: ExchangeCompetency): Array<Paragraph | Table> {
  if (published.roles.length === 0) return []
  const pmoTypes = overridingPmoTypes(published, competency)
  const headerCells = ['Role', 'Expected level', ...pmoTypes.map((pmoType) => `In a ${pmoType.name}`)]
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: headerCells.map((text) => textCell(text, { bold: true, shaded: true })) })
  const rows = published.roles.map((role) => new TableRow({
    cantSplit: true,
    children: [
      textCell(role.name, { bold: true }),
      expectationCell(published, expectationOf(competency, role.id), 'Not set'),
      ...pmoTypes.map((pmoType) => expectationCell(published, expectationOf(competency, role.id, pmoType.id), 'As expected generally')),
    ],
  }))
  return [
    heading('Expected levels', HeadingLevel.HEADING_4),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, margins: { top: 40, bottom: 40, left: 100, right: 100 }, rows: [header, ...rows] }),
    new Paragraph({ children: [] }),
  ]
}

function textCell(text: string, options: { bold?: boolean; shaded?: boolean; note?: string; italics?: boolean } = {}): TableCell {
  return new TableCell({
    ...(options.shaded ? { shading: { fill: 'EDEDED' } } : {}),
    children: [
      new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text, bold: options.bold ?? false, italics: options.italics ?? false })] }),
      ...(options.note ? [new Paragraph({ children: [new TextRun({ text: options.note, size: 18, color: '4A4A4A' })] })] : []),
    ],
  })
}

function expectationCell(published: PublishedFramework, expectation: ExchangeExpectation | undefined, absent: string): TableCell {
  if (!expectation) return textCell(absent, { italics: true })
  return textCell(levelLabel(published.levels, expectation.level), expectation.note?.trim() ? { note: expectation.note.trim() } : {})
}
