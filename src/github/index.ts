/**
 * The GitHub adapter: the only place that talks to the GitHub API for the rules.
 */
import { createOctokit, type GitHubClientOptions } from './client.js'
import { createComment, findComment, updateComment } from './comment.js'
import { getFileText } from './content.js'
import { getMergeBase } from './merge-base.js'
import type { GitHubPort } from './port.js'
import { loadPrFacts } from './pr-facts.js'
import { updatePrTitle } from './pr-title.js'
import { replyToThread } from './thread-reply.js'
import { findCommitAuthors } from './commit-authors.js'
import { getPermission } from './permission.js'
import { requestReviewers } from './review-requests.js'
import { getUser } from './user.js'

export interface CreateGitHubOptions extends Omit<GitHubClientOptions, 'token'> {
  token: string
  owner: string
  repo: string
}

export function createGitHub(options: CreateGitHubOptions): GitHubPort {
  const { owner, repo, ...client } = options
  const octokit = createOctokit(client)
  const target = { owner, repo }
  const appToken = client.token.startsWith('ghs_')
  return {
    owner,
    repo,
    loadPrFacts: (prNumber) => loadPrFacts(octokit, target, prNumber),
    getFileText: (path, ref) => getFileText(octokit, target, path, ref),
    getMergeBase: (base, head) => getMergeBase(octokit, target, base, head),
    findComment: (prNumber, marker) => findComment(octokit, target, prNumber, marker, appToken),
    createComment: (prNumber, body) => createComment(octokit, target, prNumber, body),
    updateComment: (commentId, body) => updateComment(octokit, target, commentId, body),
    updatePrTitle: (prNumber, title, from) => updatePrTitle(octokit, target, prNumber, title, from),
    replyToThread: (threadId, body) => replyToThread(octokit, threadId, body),
    getPermission: (login) => getPermission(octokit, target, login),
    findCommitAuthors: (email) => findCommitAuthors(octokit, target, email),
    getUser: (login) => getUser(octokit, login),
    requestReviewers: (prNumber, logins) => requestReviewers(octokit, target, prNumber, logins)
  }
}

export type { GitHubPort, PrFacts } from './port.js'
export { gitHubError, type GitHubPermission } from './errors.js'
