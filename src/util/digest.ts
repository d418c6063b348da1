import { createHash } from 'node:crypto'

/**
 * A short digest of what a run wrote (a remote link, a comment), remembered beside it: a later run
 * that would write the same again writes nothing, without reading back what Jira stored.
 */
export function digestOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12)
}

export const isDigest = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{12}$/.test(value)
