/**
 * Issue properties the action keeps as maps (PR URL → something): Jira refuses a property value
 * over 32,767 bytes, so the oldest entries give way to the newest.
 */
import { isDigest } from '../util/digest.js'

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

/**
 * Where a comment index keeps the digests of the comments it points at (entry → digestOf what was
 * written): under a key no entry can be, beside the ids, so the ids read as they always did. A
 * version of the action that knows no digests drops them when it rewrites the index, which only
 * makes the next run compare the comment itself once more.
 */
const DIGESTS = 'digests'

/** The digests a comment index keeps (see DIGESTS); anything else counts as none. */
export function readDigests(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {}
  const digests: unknown = (value as Record<string, unknown>)[DIGESTS]
  if (typeof digests !== 'object' || digests === null || Array.isArray(digests)) return {}
  return Object.fromEntries(
    Object.entries(digests).filter((e): e is [string, string] => isDigest(e[1]))
  )
}

/**
 * The property value of a comment index: the ids, and the digests of those entries. The digests
 * only save work, so when the ids leave them too little room, the oldest entries' go first.
 */
export function indexValue(
  ids: Readonly<Record<string, string>>,
  digests: Readonly<Record<string, string>>
): object {
  const entries = Object.keys(ids)
    .filter((entry) => Object.hasOwn(digests, entry))
    .map((entry): [string, string] => [entry, digests[entry]!])
  const bytes = (e: [string, string]) =>
    Buffer.byteLength(JSON.stringify(e[0])) + Buffer.byteLength(JSON.stringify(e[1])) + 2
  let total =
    Buffer.byteLength(JSON.stringify(ids)) +
    `,"${DIGESTS}":{}`.length +
    entries.reduce((sum, e) => sum + bytes(e), 0)
  while (entries.length > 0 && total > MAX_PROPERTY_BYTES) {
    total -= bytes(entries.shift()!)
  }
  return entries.length > 0 ? { ...ids, [DIGESTS]: Object.fromEntries(entries) } : { ...ids }
}
