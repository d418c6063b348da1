const characters = new Intl.Segmenter('en', { granularity: 'grapheme' })

/**
 * The longest start of `value` at most `max` UTF-16 code units long (Jira, in Java, counts those)
 * that ends between two characters as a reader sees them: never half an emoji, whose lone
 * surrogate is not text at all, nor a flag or a family cut in two.
 */
export function headOf(value: string, max: number): string {
  if (value.length <= max) return value
  let end = 0
  for (const { index, segment } of characters.segment(value)) {
    if (index + segment.length > max) break
    end = index + segment.length
  }
  return value.slice(0, end)
}

/** `value`, or its start and an ellipsis when it is longer than `max` (ellipsis included). */
export function ellipsized(value: string, max: number): string {
  return value.length <= max ? value : `${headOf(value, max - 1).trimEnd()}…`
}
