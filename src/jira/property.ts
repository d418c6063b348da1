/**
 * Issue properties the action keeps as maps (PR URL → something): Jira refuses a property value
 * over 32,767 bytes, so the oldest entries give way to the newest.
 */

/** Jira's limit on an issue property, less room for the JSON around the value. */
export const MAX_PROPERTY_BYTES = 32_000

/**
 * The map with one entry set, as the newest: the oldest entries go when it would outgrow
 * MAX_PROPERTY_BYTES (some 300 PRs of comment ids on one issue, or a few dozen of file lists).
 */
export function withEntry<T>(
  known: Readonly<Record<string, T>>,
  entry: string,
  value: T
): Record<string, T> {
  const entries = Object.entries(known).filter(([key]) => key !== entry)
  entries.push([entry, value])
  // `{"key":value,…}`: each entry's bytes, a colon and a comma, plus the braces.
  const bytes = (e: [string, T]) =>
    Buffer.byteLength(JSON.stringify(e[0])) + Buffer.byteLength(JSON.stringify(e[1])) + 2
  let total = entries.reduce((sum, e) => sum + bytes(e), 2)
  while (entries.length > 1 && total > MAX_PROPERTY_BYTES) {
    total -= bytes(entries.shift() as [string, T])
  }
  return Object.fromEntries(entries)
}

/**
 * A property that maps entries (a PR URL, an addition) to Jira comment ids, as any earlier run
 * wrote it; anything else counts as empty.
 */
export function readCommentIndex(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  return Object.fromEntries(
    Object.entries(value).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && /^\d+$/.test(e[1])
    )
  )
}
