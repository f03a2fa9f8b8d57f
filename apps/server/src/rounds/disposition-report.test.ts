import { describe, expect, it } from 'vitest'
import { reportCsv, reportHtml, reportMarkdown, type Report } from './disposition-report.ts'

const hostile = '# Heading\n[link](javascript:alert(1)) <img src=x onerror=alert(2)> *bold* 1. item'
const report: Report = {
  title: `Review ${hostile}`,
  opensAt: '2026-05-01T09:00:00.000Z',
  closesAt: '2026-05-15T17:00:00.000Z',
  rows: [
    { number: 1, where: 'Planning × PMO Analyst', author: 'R. R.', comment: hostile, disposition: 'partly-accepted', response: '=SUM(A1:A9)', createdAt: '2026-05-02T10:00:00.000Z' },
    { number: 2, where: 'The round as a whole', author: 'A reviewer', comment: '-1, too long', disposition: null, response: null, createdAt: '2026-05-03T10:00:00.000Z' },
  ],
}

describe('the disposition report', () => {
  it('writes Markdown in which what people wrote opens no link, image, HTML or heading', () => {
    const markdown = reportMarkdown(report)
    expect(markdown).toContain('\\# Heading')
    expect(markdown).toContain('\\[link\\](javascript:alert(1))')
    expect(markdown).toContain('\\<img src=x onerror=alert(2)\\>')
    expect(markdown).toContain('\\*bold\\*')
    expect(markdown).toContain('**Partly accepted.** \\=SUM(A1:A9)')
    expect(markdown).toContain('**Awaiting disposition.**')
    expect(markdown).toContain('\\-1, too long')
  })

  it('escapes HTML', () => {
    const html = reportHtml(report)
    expect(html).not.toContain('<img')
    expect(html).toContain('&#60;img src=x onerror=alert(2)&#62;')
  })

  it('writes CSV whose cells a spreadsheet cannot run as formulas', () => {
    const lines = reportCsv(report).split('\r\n')
    expect(lines[0]).toBe('number,where,author,comment,disposition,response,created_at')
    expect(reportCsv(report)).toContain(",'=SUM(A1:A9),")
    expect(reportCsv(report)).toContain(',"\'-1, too long",') // quoted, since it holds a comma
  })
})
