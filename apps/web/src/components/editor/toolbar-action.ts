/** A button of the formatting toolbar (EditorToolbar.vue), or an item of its More menu when it does not fit. */
export interface ToolbarAction {
  label: string
  run: () => void
  /** Undefined for one-shot actions (insert table), which have no pressed state. */
  isActive?: () => boolean
  /** True while the action has nothing to do (Undo with no step of one's own to take back). */
  isDisabled?: () => boolean
  /** The keyboard shortcut, for aria-keyshortcuts. */
  keys?: string
}
