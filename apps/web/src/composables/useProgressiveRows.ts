/**
 * How many of the grid's lines to render: a window's worth at first, then a step more in
 * each idle moment until every line is rendered, after which lines added later render at
 * once. The first paint of a large matrix so costs the rows in view, not all of them
 * (lib/matrix/matrix-progressive.ts; docs/decisions.md says why not windowing).
 * `showAll` renders the rest now: before focus moves to a line not made yet, and before
 * printing.
 */
import { onScopeDispose, ref, watch, type Ref } from 'vue'
import { firstLineBudget, linesPerStep } from '../lib/matrix/matrix-progressive.ts'
import { whenIdle } from '../lib/when-idle.ts'

export interface ProgressiveRows {
  /** Lines to render, counted from the top; infinite once every line has been rendered. */
  budget: Readonly<Ref<number>>
  showAll(): void
}

export function useProgressiveRows(options: { total: () => number }): ProgressiveRows {
  const budget = ref(firstLineBudget(typeof window === 'undefined' ? 0 : window.innerHeight))
  let cancel: (() => void) | null = null

  function step(): void {
    cancel = null
    budget.value += linesPerStep
    if (budget.value >= options.total()) budget.value = Number.POSITIVE_INFINITY
    else schedule()
  }

  function schedule(): void {
    if (cancel) return
    // The timeout keeps the fill going on a page that is never idle for long.
    cancel = whenIdle(step, 200, 16)
  }

  function showAll(): void {
    cancel?.()
    cancel = null
    budget.value = Number.POSITIVE_INFINITY
  }

  // A matrix that fits the first budget never schedules anything; one that grows past it does.
  watch(options.total, (total) => {
    if (total > budget.value) schedule()
  }, { immediate: true })
  if (typeof window !== 'undefined') window.addEventListener('beforeprint', showAll)
  onScopeDispose(() => {
    cancel?.()
    if (typeof window !== 'undefined') window.removeEventListener('beforeprint', showAll)
  })

  return { budget, showAll }
}
