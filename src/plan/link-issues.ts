/**
 * The issue links behind `jira.createIssue` and `jira.linkIssues` (called from `apply.ts` only):
 * each link on its own, so one refused does not stop the others; what failed comes back as text.
 */
import type { JiraPort } from '../jira/port.js'
import { getErrorMessage } from '../util/errors.js'

/** Links `key` to each of `keys` with the link type `linkType`; one problem per link not made. */
export async function linkEach(
  jira: Pick<JiraPort, 'linkIssues'>,
  linkType: string,
  key: string,
  keys: string[]
): Promise<string[]> {
  const problems: string[] = []
  for (const other of keys) {
    try {
      await jira.linkIssues(linkType, key, other)
    } catch (error) {
      problems.push(`could not link ${key} to ${other}: ${getErrorMessage(error)}`)
    }
  }
  return problems
}
