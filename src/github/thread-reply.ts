import type { GitHubClient } from './client.js'
import { callGitHub } from './errors.js'

export const THREAD_REPLY_MUTATION = `
mutation ($threadId: ID!, $body: String!) {
  addPullRequestReviewThreadReply(input: { pullRequestReviewThreadId: $threadId, body: $body }) {
    comment { id url }
  }
}`

/** Answers a review thread (GraphQL: REST has no reply by thread id). */
export async function replyToThread(
  octokit: GitHubClient,
  threadId: string,
  body: string
): Promise<void> {
  await callGitHub('pull-requests: write', () =>
    octokit.graphql(THREAD_REPLY_MUTATION, { threadId, body })
  )
}
