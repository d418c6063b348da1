/** The Jira remote link that points at a PR: one per issue, found again by its globalId. */
import type { PullRequest } from '../../github/port.js'
import type { RemoteLinkInput } from '../../jira/port.js'
import { digestOf } from '../../util/digest.js'
import type { Strength } from './keys.js'

/** Derived from the PR's URL, so a rerun (or another event) updates the link in place. */
export function prGlobalId(prUrl: string): string {
  return `gitar-jira:${prUrl}`.slice(0, 255)
}

export function prState(pr: PullRequest): 'merged' | 'closed' | 'draft' | 'open' {
  if (pr.merged) return 'merged'
  if (pr.state === 'closed') return 'closed'
  return pr.draft ? 'draft' : 'open'
}

export function prRemoteLink(
  pr: PullRequest,
  repoFullName: string,
  strength: Strength
): RemoteLinkInput {
  const state = prState(pr)
  return {
    globalId: prGlobalId(pr.htmlUrl),
    url: pr.htmlUrl,
    title: `${repoFullName}#${pr.number}: ${pr.title}`.slice(0, 255),
    summary: `Pull request ${state}${strength === 'resolves' ? ' · resolves this issue' : ''}`,
    relationship: 'pull request',
    iconUrl: 'https://github.githubassets.com/favicons/favicon.png',
    resolved: state === 'merged' || state === 'closed'
  }
}

/**
 * A short digest of a remote link's content, kept in the PR comment's state: a run whose link
 * would be the same as the one written before (a push, a rerun) does not write it again, so a
 * linked issue's `updated` date moves only when what it shows of the PR changes.
 */
export function remoteLinkDigest(link: RemoteLinkInput): string {
  return digestOf(link)
}
