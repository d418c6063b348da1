import type { GitHubClient } from './client.js'
import { callGitHub } from './errors.js'
import type { Repo } from './pr-facts.js'

/**
 * Sets the PR's title, unless it changed since `from` was read: the run read it seconds or a
 * minute ago, and an author's fix in between must not be overwritten with the old text.
 */
export async function updatePrTitle(
  octokit: GitHubClient,
  target: Repo,
  prNumber: number,
  title: string,
  from: string
): Promise<boolean> {
  const { data } = await callGitHub('pull-requests: read', () =>
    octokit.rest.pulls.get({ ...target, pull_number: prNumber })
  )
  if (data.title !== from) return false
  await callGitHub('pull-requests: write', () =>
    octokit.rest.pulls.update({ ...target, pull_number: prNumber, title })
  )
  return true
}
