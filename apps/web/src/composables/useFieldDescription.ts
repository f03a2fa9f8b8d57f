/**
 * The ids every form field shares: its own (given, or generated), its hint's and its
 * error's, and the `aria-describedby` that names whichever of those two are shown, so a
 * screen reader reads the hint and the error with the field.
 */
import { computed, toValue, useId, type ComputedRef, type MaybeRefOrGetter } from 'vue'

export interface FieldDescription {
  hintId: ComputedRef<string>
  errorId: ComputedRef<string>
  describedBy: ComputedRef<string | undefined>
}

/** The field's id: the one it was given, else one generated for it. */
export function useFieldId(props: { id?: string }): ComputedRef<string> {
  const generatedId = useId()
  return computed(() => props.id ?? generatedId)
}

export function useFieldDescription(id: MaybeRefOrGetter<string>, props: { hint?: string; error?: string | undefined }): FieldDescription {
  const hintId = computed(() => `${toValue(id)}-hint`)
  const errorId = computed(() => `${toValue(id)}-error`)
  const describedBy = computed(() => [props.hint ? hintId.value : null, props.error ? errorId.value : null].filter(Boolean).join(' ') || undefined)
  return { hintId, errorId, describedBy }
}
