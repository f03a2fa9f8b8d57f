import { describe, expect, it } from 'vitest'
import { termsPassages } from './terms-passages.ts'

describe('terms passages', () => {
  it('makes a passage of each paragraph, quoting it as the snapshot has it', () => {
    const markdown = '# Purpose\n\nThe group **writes** a framework.\n\n- one\n- two\n'
    expect(termsPassages(markdown)).toEqual([
      { text: 'Purpose', quote: '# Purpose', heading: true },
      { text: 'The group writes a framework.', quote: 'The group **writes** a framework.', heading: false },
      { text: '• one\n• two', quote: '- one\n- two', heading: false },
    ])
    for (const passage of termsPassages(markdown)) expect(markdown).toContain(passage.quote)
  })
})
