/** Review requests: GitHub's refusals (422) are news for the report, not failures of the run. */
import type { GitHubClient } from './client.js'
import { callGitHub, gitHubSays, httpStatus } from './errors.js'
import type { ReviewRequestOutcome } from './port.js'
import type { Repo } from './pr-facts.js'

/**
 * `POST /repos/{o}/{r}/pulls/{n}/requested_reviewers`. GitHub refuses the whole request with 422
 * when one login is not a collaborator or is the PR's author; the caller asks for one login at
 * a time so a refusal costs only that one.
 */
export async function requestReviewers(
  octokit: GitHubClient,
  target: Repo,
  prNumber: number,
  logins: string[]
): Promise<ReviewRequestOutcome> {
  return callGitHub('pull-requests: write', () =>
    octokit.rest.pulls
      .requestReviewers({ ...target, pull_number: prNumber, reviewers: logins })
      .then((): ReviewRequestOutcome => ({ ok: true }))
      .catch((error: unknown): ReviewRequestOutcome => {
        if (httpStatus(error) !== 422) throw error
        return { ok: false, reason: refusal(error) }
      })
  )
}

/** GitHub's reason, without the documentation link Octokit appends. */
function refusal(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return gitHubSays(message, 300) || 'GitHub refused the review request (422)'
}
