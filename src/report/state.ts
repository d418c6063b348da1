/**
 * What the action remembers between runs of one PR, kept in its own PR comment as a hidden
 * JSON block. Losing it (comment deleted) costs little: links are upserts keyed by globalId.
 */
import type { LinkVia } from '../rules/linked-issue.js'

export interface CommentState {
  v: 1
  links: { key: string; via: LinkVia }[]
}

export const EMPTY_STATE: CommentState = { v: 1, links: [] }

const STATE_PATTERN = /<!-- gitar-jira:state (\{.*?\}) -->/s

export function readState(commentBody: string | undefined): CommentState {
  const json = commentBody ? STATE_PATTERN.exec(commentBody)?.[1] : undefined
  if (!json) return EMPTY_STATE
  try {
    const parsed = JSON.parse(json) as Partial<CommentState>
    if (parsed.v !== 1 || !Array.isArray(parsed.links)) return EMPTY_STATE
    const links = parsed.links.filter(
      (l): l is CommentState['links'][number] =>
        typeof l?.key === 'string' &&
        /^[A-Z][A-Z0-9_]+-[1-9][0-9]*$/.test(l.key) &&
        (l.via === 'explicit' || l.via === 'inferred' || l.via === 'accepted')
    )
    return { v: 1, links }
  } catch {
    return EMPTY_STATE
  }
}

export function writeState(state: CommentState): string {
  // JSON of keys and fixed words only: nothing in it can close the HTML comment.
  return `<!-- gitar-jira:state ${JSON.stringify(state)} -->`
}
