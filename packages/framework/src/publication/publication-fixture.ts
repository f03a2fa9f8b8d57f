/**
 * For tests: the starter framework with what the publications must carry and escape:
 * descriptors and indicators on the first domain, references, a PMO type override with a
 * note, names holding markup and ampersands, and archived rows that must not be published.
 */
import starter from '../../seed/starter-framework.json' with { type: 'json' }
import { exchangeFormatV2, type ExchangeFramework } from '../matrix/exchange-format.ts'

export const hostileName = 'Risk <script>alert("x")</script> & issues'

export function publicationFixture(): ExchangeFramework {
  const framework = structuredClone(starter) as ExchangeFramework
  framework.format = exchangeFormatV2
  framework.version = '1.2'
  const [first, second] = framework.domains
  const competency = first!.competencies[0]!
  competency.descriptors = Object.fromEntries(framework.levels.map((level) => [String(level.rank), {
    summary: `${competency.name} at ${level.name}: summary.`,
    indicators: level.rank === 0 ? [] : [`Indicator one at ${level.rank} & more`, `Indicator two at ${level.rank}`],
  }]))
  competency.references = [
    { scheme: 'SFIA 9', code: 'PROF', title: 'Portfolio, programme and project support', uri: 'https://sfia-online.org/en/sfia-9/skills/prof', relation: 'close' },
    { scheme: 'APM', code: 'GOV', uri: 'https://www.apm.org.uk/', relation: 'exact' },
    { scheme: 'House style', title: 'No address', relation: 'related' },
  ]
  competency.overrides = { 'portfolio-office': { 'pmo-analyst': { level: 4, note: 'Portfolio boards are heavier & more frequent.' } } }
  competency.expectations['pmo-manager'] = { level: 4, note: 'Chairs the <b>board</b> secretariat.' }
  const second0 = second!.competencies[0]!
  second0.name = hostileName
  second0.description = 'Line one\nLine <two> & three'
  first!.competencies.push({ id: 'retired-competency', name: 'Retired', archived: true, expectations: {} })
  framework.domains.push({ id: 'retired-domain', name: 'Retired domain', archived: true, competencies: [] })
  return framework
}
