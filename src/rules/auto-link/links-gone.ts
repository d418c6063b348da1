import type { Facts } from '../types.js'

/**
 * The issues earlier runs linked that the PR no longer works on (a key deleted from the PR, a
 * keyless link unticked): they lose their remote link (auto-link) and, after the merge, their
 * merge summary (not those whose issue Jira no longer answers). So do the keys whose removal an
 * earlier run tried and failed (the state's `unlink`), unless the PR links them again. Past
 * GitHub's 250-commit list an explicit key may only look gone (named in a commit GitHub does not
 * list): those are `unsure`, and keep both.
 */
export function linksGone(facts: Pick<Facts, 'linked' | 'previous' | 'pr' | 'vanished'>): {
  gone: string[]
  unsure: string[]
} {
  const current = new Set(facts.linked.map((l) => l.issue.key))
  // An issue Jira no longer answers has no link, nor summary, left to remove.
  const vanished = new Set(facts.vanished ?? [])
  const left = facts.previous.links.filter((l) => !current.has(l.key) && !vanished.has(l.key))
  const unsure = facts.pr.commitsTruncated ? left.filter((l) => l.via === 'explicit') : []
  const pending = (facts.previous.unlink ?? []).filter((key) => !current.has(key))
  const gone = [...left.filter((l) => !unsure.includes(l)).map((l) => l.key), ...pending]
  return { gone: [...new Set(gone)], unsure: unsure.map((l) => l.key) }
}
