import type { GitHubClient } from './client.js'
import { callGitHub } from './errors.js'
import type { Repo } from './pr-facts.js'

export async function updatePrTitle(
  octokit: GitHubClient,
  target: Repo,
  prNumber: number,
  title: string
): Promise<void> {
  await callGitHub('pull-requests: write', () =>
    octokit.rest.pulls.update({ ...target, pull_number: prNumber, title })
  )
}
