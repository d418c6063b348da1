/**
 * The merge base of a PR's base and head: the commit its diff is taken against, where the lines
 * of its old side (a line the PR removes) are. The PR's `base.sha` is only the base branch's tip
 * when GitHub last looked, which moves on as others merge.
 */
import type { GitHubClient } from './client.js'
import { callGitHub, httpStatus } from './errors.js'
import type { Repo } from './pr-facts.js'

/**
 * From the comparison of `base...head` (one commit of it asked for: its file list comes whole
 * regardless). Null when GitHub cannot compare them (a head gone with its fork: 404).
 */
export async function getMergeBase(
  octokit: GitHubClient,
  target: Repo,
  base: string,
  head: string
): Promise<string | null> {
  return callGitHub('contents: read', () =>
    octokit.rest.repos
      .compareCommitsWithBasehead({ ...target, basehead: `${base}...${head}`, per_page: 1 })
      .then((r) => r.data.merge_base_commit.sha)
      .catch((error: unknown) => {
        const status = httpStatus(error)
        if (status === 404 || status === 422) return null
        throw error
      })
  )
}
