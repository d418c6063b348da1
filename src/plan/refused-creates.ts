/**
 * Creates that cannot succeed in this run (used by `apply.ts` only). A 400 that names `project`
 * or `issuetype` says the configuration is wrong (`follow-ups.project`, `follow-ups.issue-type`):
 * every create with the same project key and issue type would get it, so they are not sent and
 * fail with the first one's message (the report groups them into one line). A 400 naming any
 * other field may be one issue's own (a required custom field, a summary), so it spares nothing.
 */
import { fieldsRefused } from '../jira/errors.js'
import type { Action, AppliedAction } from './actions.js'

const CONFIG_FIELDS = new Set(['project', 'issuetype'])

/** How a write failed, as `apply.ts` records it. */
export type Failed = Pick<AppliedAction, 'error' | 'errorKind' | 'setting'>

/** Project key and issue type → how Jira refused a create there. */
export type RefusedCreates = Map<string, Failed>

function targetOf(action: Action): string | null {
  if (action.type !== 'jira.createIssue') return null
  return JSON.stringify([action.issue.projectKey, action.issue.issueType])
}

/** Why `action` is not sent: Jira refused an earlier create's project or issue type. */
export function refusalOf(refused: RefusedCreates, action: Action): Failed | undefined {
  const target = targetOf(action)
  return target === null ? undefined : refused.get(target)
}

/** Remembers the project and issue type of a create Jira refused for them. */
export function noteRefusal(
  refused: RefusedCreates,
  action: Action,
  error: unknown,
  failed: Failed
): void {
  const target = targetOf(action)
  if (target !== null && fieldsRefused(error).some((field) => CONFIG_FIELDS.has(field))) {
    refused.set(target, failed)
  }
}
