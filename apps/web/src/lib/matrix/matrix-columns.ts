/**
 * How wide the matrix's columns are. Every row is a CSS grid on the same template (see
 * matrix-grid.css), so the template cannot grow a column to fit its header: it is worked
 * out here from the role names instead. A role column is never narrower than its longest
 * word, so a name like "Administrator" wraps between words and is never broken inside one;
 * the grid scrolls sideways when the columns do not fit the screen.
 * On a phone the grid shows one role at a time: the competency and its level share the width.
 */

/** The competency column on a laptop or wider. */
export const headColumnRem = 18
/** The narrowest a role column gets, whatever its name. */
export const roleColumnMinRem = 8.5
/** A bold header character at 0.875rem is at most about 0.6em wide in the studio's fonts. */
const headerCharacterRem = 0.875 * 0.62
/** Padding, the ⋯ button, the gap before it, and a comment count's room. */
const roleHeaderChromeRem = 3.75

export interface MatrixColumns {
  /** The value of --matrix-columns. */
  template: string
  /** The grid's width: the columns' minimum, or the whole width when that is wider. */
  width: string
}

export function longestWord(text: string): number {
  return Math.max(0, ...text.split(/\s+/).map((word) => [...word].length))
}

/** The narrowest a role's column can be without breaking a word of its name. */
export function roleColumnRem(roleName: string): number {
  const fitsLongestWord = longestWord(roleName) * headerCharacterRem + roleHeaderChromeRem
  return Math.max(roleColumnMinRem, Math.ceil(fitsLongestWord * 4) / 4)
}

export function matrixColumns(roleNames: readonly string[], oneRoleAtATime: boolean): MatrixColumns {
  if (oneRoleAtATime) return { template: 'minmax(0, 1fr) minmax(7.5rem, 42%)', width: '100%' }
  // Every role column shares one width, so the grid reads as a table.
  const roleRem = Math.max(roleColumnMinRem, ...roleNames.map(roleColumnRem))
  return {
    template: `${headColumnRem}rem repeat(${roleNames.length}, minmax(${roleRem}rem, 1fr))`,
    width: `max(100%, ${headColumnRem + roleRem * roleNames.length}rem)`,
  }
}
