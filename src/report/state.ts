/**
 * What the action remembers between runs of one PR, kept in its own PR comment as a hidden
 * JSON block. Losing it (comment deleted) costs little: links are upserts keyed by globalId.
 */
import type { LinkVia } from '../rules/linked-issue.js'

export interface CommentState {
  v: 1
  links: { key: string; via: LinkVia }[]
  /** Keys a maintainer unticked: never inferred or suggested again on this PR. */
  rejected?: string[]
  /** Logins the action requested a review from: never requested again once someone removes them. */
  requested?: string[]
}

export const EMPTY_STATE: CommentState = { v: 1, links: [] }

const STATE_PATTERN = /<!-- gitar-jira:state (\{.*?\}) -->/s
const KEY_PATTERN = /^[A-Z][A-Z0-9_]+-[1-9][0-9]*$/
const isKey = (value: unknown): value is string =>
  typeof value === 'string' && KEY_PATTERN.test(value)
const LOGIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/
const isLogin = (value: unknown): value is string =>
  typeof value === 'string' && LOGIN_PATTERN.test(value)

export function readState(commentBody: string | undefined): CommentState {
  const json = commentBody ? STATE_PATTERN.exec(commentBody)?.[1] : undefined
  if (!json) return EMPTY_STATE
  try {
    const parsed = JSON.parse(json) as Partial<CommentState>
    if (parsed.v !== 1 || !Array.isArray(parsed.links)) return EMPTY_STATE
    const links = parsed.links.filter(
      (l): l is CommentState['links'][number] =>
        isKey(l?.key) && (l.via === 'explicit' || l.via === 'inferred' || l.via === 'accepted')
    )
    const rejected = Array.isArray(parsed.rejected) ? parsed.rejected.filter(isKey) : []
    const requested = Array.isArray(parsed.requested) ? parsed.requested.filter(isLogin) : []
    return {
      v: 1,
      links,
      ...(rejected.length > 0 ? { rejected } : {}),
      ...(requested.length > 0 ? { requested } : {})
    }
  } catch {
    return EMPTY_STATE
  }
}

export function writeState(state: CommentState): string {
  // JSON of keys and fixed words only: nothing in it can close the HTML comment.
  return `<!-- gitar-jira:state ${JSON.stringify(state)} -->`
}
