/**
 * A level descriptor as a proposal form holds it: the summary as written and the indicators
 * one a line, turned into the change the API takes only when it differs from the level's
 * descriptor now (an unchanged level is no part of the proposal).
 */
import type { ProposedDescriptor } from '@studio/contract'

export interface DescriptorNow {
  rank: number
  summary: string
  indicators: ReadonlyArray<{ text: string }>
}

/** The indicators written one a line, blank lines left out. */
export function indicatorsFromLines(lines: string): string[] {
  return lines.split('\n').map((line) => line.trim()).filter((line) => line.length > 0)
}

/** The indicators one a line, for the form's field. */
export function linesOfIndicators(indicators: ReadonlyArray<{ text: string }>): string {
  return indicators.map((indicator) => indicator.text).join('\n')
}

/** The proposed descriptor for the level, or null when the draft says what the level says now. */
export function proposedDescriptor(now: DescriptorNow, summary: string, indicatorLines: string): ProposedDescriptor | null {
  const indicators = indicatorsFromLines(indicatorLines)
  const same = summary.trim() === now.summary.trim()
    && indicators.length === now.indicators.length
    && indicators.every((text, index) => text === now.indicators[index]?.text.trim())
  return same ? null : { rank: now.rank, summary, indicators }
}
