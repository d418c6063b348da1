import type { Facts } from '../types.js'

/**
 * The issues earlier runs linked that the PR no longer works on (a key deleted from the PR, a
 * keyless link unticked): they lose their remote link (auto-link) and, after the merge, their
 * merge summary (not those whose issue Jira no longer answers). Past GitHub's 250-commit list an explicit key may only look gone (named in a
 * commit GitHub does not list): those are `unsure`, and keep both.
 */
export function linksGone(facts: Pick<Facts, 'linked' | 'previous' | 'pr' | 'vanished'>) {
  const current = new Set(facts.linked.map((l) => l.issue.key))
  // An issue Jira no longer answers has no link, nor summary, left to remove.
  const vanished = new Set(facts.vanished ?? [])
  const gone = facts.previous.links.filter((l) => !current.has(l.key) && !vanished.has(l.key))
  const unsure = facts.pr.commitsTruncated ? gone.filter((l) => l.via === 'explicit') : []
  return { gone: gone.filter((l) => !unsure.includes(l)), unsure }
}
