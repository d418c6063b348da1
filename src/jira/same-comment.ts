import { isDeepStrictEqual } from 'node:util'
import { asObject } from './answer.js'

/**
 * Whether a comment as Jira answers it already says what a run would write: the same body (wiki
 * markup on Data Center, ADF on Cloud) and, when one is set, the same visibility. An edit that
 * changes nothing is then not sent: on Data Center it would mail every watcher, and on either it
 * would mark the comment edited and fire the "comment updated" event for automations.
 */
export function sameComment(
  current: unknown,
  wanted: { body: unknown; visibility?: { type: string; value: string } }
): boolean {
  const now = asObject(current)
  if (!isDeepStrictEqual(now.body, wanted.body)) return false
  if (!wanted.visibility) return true
  const visibility = asObject(now.visibility)
  return visibility.type === wanted.visibility.type && visibility.value === wanted.visibility.value
}
