/**
 * Whether the PR's author is one of the repository's own people. Anyone can open a PR (a fork
 * under `pull_request_target` runs with the repository's secrets) and name any issue key in it:
 * such a PR still gets its links, which a maintainer sees and an edit undoes, but it does not
 * move issues before its merge (the merge is a maintainer's act), send review requests, nor
 * create follow-ups before the merge (`when: open`).
 *
 * GitHub's `author_association` on the PR decides first: OWNER, MEMBER and COLLABORATOR are the
 * repository's people. It says CONTRIBUTOR for an organization member whose membership is
 * private, so for any other association of a person the author's permission on the repository is
 * read, and write or admin access counts too (on a public repository everyone has read). An app's
 * account (Dependabot, Renovate) is never trusted: its PR carries text it was given, such as a
 * dependency's release notes, which may name any key.
 */
import type { Settings } from '../config/settings.js'
import type { GitHubPort, PullRequest, RepoPermission } from '../github/port.js'
import { getErrorMessage } from '../util/errors.js'
import { isBot } from './suggest-reviewers/mapping.js'

export const TRUSTED_ASSOCIATIONS: ReadonlySet<string> = new Set([
  'OWNER',
  'MEMBER',
  'COLLABORATOR'
])

export interface AuthorTrust {
  login: string
  /** GitHub's `author_association` of the PR: OWNER, MEMBER, CONTRIBUTOR, NONE, … */
  association: string
  bot: boolean
  /** The author's permission on the repository, when the association did not decide. */
  permission?: RepoPermission
  /** Why the permission could not be read: the author then counts as an outsider. */
  unread?: string
  trusted: boolean
}

/** Pure: the decision from what GitHub said of the author. */
export function trustOf(
  author: PullRequest['author'],
  association: string,
  permission?: RepoPermission
): AuthorTrust {
  const bot = isBot(author.login, author.type)
  const trusted =
    !bot &&
    (TRUSTED_ASSOCIATIONS.has(association) || permission === 'write' || permission === 'admin')
  return {
    login: author.login,
    association,
    bot,
    ...(permission ? { permission } : {}),
    trusted
  }
}

/**
 * Whether a rule on this config acts on the author's trust: moving issues, requesting reviews,
 * or creating follow-ups before the merge.
 */
export function asksTrust(settings: Settings): boolean {
  const { suggestReviewers: reviewers, followUps, transitions } = settings.rules
  return (
    transitions.enabled ||
    (reviewers.enabled && reviewers.mode === 'request') ||
    (followUps.enabled && followUps.when === 'open')
  )
}

/**
 * The author's trust, reading their permission only when it can change the answer and a rule
 * asks (`needed`: transitions on, or review requests). A read that fails counts as no access.
 */
export async function readAuthorTrust(
  github: Pick<GitHubPort, 'getPermission'>,
  pr: Pick<PullRequest, 'author' | 'authorAssociation'>,
  needed: boolean
): Promise<AuthorTrust> {
  const byAssociation = trustOf(pr.author, pr.authorAssociation)
  if (byAssociation.trusted || byAssociation.bot || !needed) return byAssociation
  try {
    return trustOf(pr.author, pr.authorAssociation, await github.getPermission(pr.author.login))
  } catch (error) {
    return { ...byAssociation, unread: getErrorMessage(error) }
  }
}

/** "@outsider is not a collaborator of acme/shop (author association CONTRIBUTOR)". */
export function whyNotTrusted(author: AuthorTrust, repo: { owner: string; repo: string }): string {
  const where = `${repo.owner}/${repo.repo}`
  if (author.bot) {
    return `@${author.login} is an app's account, whose PR text is not the repository's own (author association ${author.association})`
  }
  const access = author.unread
    ? `; their permission could not be read: ${author.unread}`
    : author.permission
      ? `, ${author.permission} access`
      : ''
  return `@${author.login} is not a collaborator of ${where} (author association ${author.association}${access})`
}
