/**
 * The write behind `jira.createIssue` (called from `apply.ts` only): create the issue, link it to
 * the PR's issues, answer the review thread it came from. Once the issue exists, what fails
 * after it is a warning on a done write, not a failure: the issue carries its fingerprint label,
 * so a rerun finds it and never creates a second one.
 */
import type { GitHubPort } from '../github/port.js'
import type { CreatedIssue, JiraPort } from '../jira/port.js'
import { getErrorMessage } from '../util/errors.js'
import type { Action } from './actions.js'
import { linkEach } from './link-issues.js'

export interface IssueWriters {
  jira: Pick<JiraPort, 'createIssue' | 'linkIssues'>
  github: Pick<GitHubPort, 'replyToThread'>
}

export interface IssueWritten {
  created: CreatedIssue
  /** What did not happen after the issue was created (a link, the thread reply). */
  warning?: string
  /** The keys of `relatesTo` it could not be linked to. */
  linkFailed?: string[]
}

/** Fills `{key}` and `{url}` of a reply written before the key was known. */
export function fillReply(body: string, created: CreatedIssue): string {
  return body.replaceAll('{key}', created.key).replaceAll('{url}', created.url)
}

export async function createIssue(
  action: Extract<Action, { type: 'jira.createIssue' }>,
  { jira, github }: IssueWriters
): Promise<IssueWritten> {
  const created = await jira.createIssue(action.issue)
  const { problems, failed } = action.relatesTo
    ? await linkEach(jira, action.relatesTo.linkType, created.key, action.relatesTo.keys)
    : { problems: [], failed: [] }
  if (action.reply) {
    try {
      await github.replyToThread(action.reply.threadId, fillReply(action.reply.body, created))
    } catch (error) {
      problems.push(`could not reply in the review thread: ${getErrorMessage(error)}`)
    }
  }
  return {
    created,
    ...(problems.length > 0 ? { warning: problems.join('; ') } : {}),
    ...(failed.length > 0 ? { linkFailed: failed } : {})
  }
}
