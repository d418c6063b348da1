/** The first `max` items, comma-separated, then how many are left: `a, b, c and 2 more`. */
export function firstOf(items: readonly string[], max: number): string {
  const more = items.length - max
  return `${items.slice(0, max).join(', ')}${more > 0 ? ` and ${more} more` : ''}`
}
