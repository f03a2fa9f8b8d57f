/**
 * The code block as Markdown exports write it. Tiptap's own serialiser writes three
 * backticks and the language as they are, so a block whose text holds a line of three
 * backticks, or whose language holds a line break, ends early and the rest of it is read as
 * Markdown (raw HTML included) by whoever opens the download. Here the fence is longer than
 * any run of backticks in the text (CommonMark closes a fence only with one at least as
 * long), and a language is written only when it looks like one.
 */
import { CodeBlock } from '@tiptap/extension-code-block'

const codeLanguage = /^[A-Za-z0-9_+#.-]{1,32}$/

/** A language name such as `ts`, `c++`, `c#` or `objective-c`; nothing that could end the fence line. */
export function isCodeLanguage(value: unknown): value is string {
  return typeof value === 'string' && codeLanguage.test(value)
}

/** Backticks enough to open and close a fence around `text`: at least three, and one more than its longest run. */
export function fenceFor(text: string): string {
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (run) => run[0].length))
  return '`'.repeat(Math.max(3, longestRun + 1))
}

export const FencedCodeBlock = CodeBlock.extend({
  renderMarkdown: (node, helpers) => {
    const language = isCodeLanguage(node.attrs?.language) ? node.attrs.language : ''
    const text = node.content ? helpers.renderChildren(node.content) : ''
    const fence = fenceFor(text)
    return `${fence}${language}\n${text}\n${fence}`
  },
})
