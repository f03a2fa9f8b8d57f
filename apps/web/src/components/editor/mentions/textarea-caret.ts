/**
 * Where the caret of a textarea is on screen, for placing the mention popup beside it. A
 * textarea cannot tell, so a hidden copy with the same box and text styles holds the text
 * up to the caret followed by a marker, and the marker's place is the caret's.
 */
const copiedStyles = [
  'boxSizing', 'width', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch',
  'fontSize', 'lineHeight', 'fontFamily', 'textAlign', 'textTransform', 'textIndent', 'letterSpacing', 'wordSpacing', 'tabSize',
] as const

export function textareaCaretRect(area: HTMLTextAreaElement, position = area.selectionEnd): DOMRect {
  const style = getComputedStyle(area)
  const mirror = document.createElement('div')
  for (const name of copiedStyles) mirror.style[name] = style[name]
  Object.assign(mirror.style, { position: 'absolute', visibility: 'hidden', top: '0', left: '-9999px', whiteSpace: 'pre-wrap', overflowWrap: 'break-word', overflow: 'hidden' })
  mirror.textContent = area.value.slice(0, position)
  const marker = document.createElement('span')
  marker.textContent = '\u200b'
  mirror.append(marker)
  document.body.append(mirror)
  const box = area.getBoundingClientRect()
  const lineHeight = marker.offsetHeight || parseFloat(style.lineHeight) || 20
  const left = box.left + marker.offsetLeft - area.scrollLeft
  // Kept within the box: a caret scrolled out of view places the popup at the box's edge.
  const top = Math.min(Math.max(box.top + marker.offsetTop - area.scrollTop, box.top), box.bottom - lineHeight)
  mirror.remove()
  return new DOMRect(Math.min(left, box.right), top, 1, lineHeight)
}
