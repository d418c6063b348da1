/**
 * What inference picked from the cached corpus, confirmed by Jira before it is linked or shown.
 * An issue stored in an earlier run may have been deleted or moved to another project since, and
 * no `updated >=` refresh sees that: only what Jira answers now counts. Issues Jira answered in
 * this run (a search, the key lookup) need no second look; the others are read in one request,
 * and only when inference picked them.
 */
import type { JiraIssue } from '../../jira/port.js'
import type { LinkedIssue, Suggestion } from '../linked-issue.js'

export interface Picks {
  linked: LinkedIssue[]
  suggestions: Suggestion[]
}

/** What this run knows of the corpus's issues. */
export interface Confirmation {
  /** Answered by Jira in this run, as it answered. */
  fresh: Map<string, JiraIssue>
  /** Asked of Jira in this run, and not answered (deleted, moved, or not visible). */
  gone: Set<string>
}

export function picked({ linked, suggestions }: Picks): string[] {
  return [
    ...linked.filter((l) => l.via === 'inferred').map((l) => l.issue.key),
    ...suggestions.map((s) => s.issue.key)
  ]
}

/** The picks that are only as the cache stored them: to be read before they count. */
export function unconfirmed(
  picks: Picks,
  stored: ReadonlySet<string>,
  known: Confirmation
): string[] {
  return picked(picks).filter(
    (key) => stored.has(key) && !known.fresh.has(key) && !known.gone.has(key)
  )
}

/** Records Jira's answer for `asked`: an issue answered under another key has moved away. */
export function record(known: Confirmation, asked: readonly string[], answered: JiraIssue[]): void {
  const byKey = new Map(answered.map((issue) => [issue.key, issue]))
  for (const key of asked) {
    const issue = byKey.get(key)
    if (issue) known.fresh.set(key, issue)
    else known.gone.add(key)
  }
}

/**
 * The picks as they stand: gone ones and unconfirmed stored ones left out, the others with
 * what Jira answered now (a status, a summary changed since the cache was written).
 */
export function confirmedPicks(
  picks: Picks,
  stored: ReadonlySet<string>,
  known: Confirmation
): Picks {
  const counts = (key: string) => !known.gone.has(key) && (!stored.has(key) || known.fresh.has(key))
  const now = (issue: JiraIssue) => {
    const fresh = known.fresh.get(issue.key)
    return fresh ? { ...issue, ...fresh, details: fresh.details ?? issue.details } : issue
  }
  return {
    linked: picks.linked
      .filter((l) => l.via !== 'inferred' || counts(l.issue.key))
      .map((l) => (l.via === 'inferred' ? { ...l, issue: now(l.issue) } : l)),
    suggestions: picks.suggestions
      .filter((s) => counts(s.issue.key))
      .map((s) => ({ ...s, issue: now(s.issue) }))
  }
}
