/**
 * What a rule may ask to be written: the plan. Rules return these; only `plan/apply.ts` writes.
 */
import type { RuleName } from '../config/settings.js'
import type { RemoteLinkInput } from '../jira/port.js'

export type Action =
  | { type: 'jira.upsertRemoteLink'; rule: RuleName; issueKey: string; link: RemoteLinkInput }
  | { type: 'jira.deleteRemoteLink'; rule: RuleName; issueKey: string; globalId: string }
  | { type: 'github.updatePrTitle'; rule: RuleName; prNumber: number; title: string }

export type ActionStatus = 'done' | 'would' | 'failed'

export interface AppliedAction {
  action: Action
  status: ActionStatus
  error?: string
}

/** One line a person can read, for the log, dry-run and the failure list. */
export function describeAction(action: Action): string {
  switch (action.type) {
    case 'jira.upsertRemoteLink':
      return `link ${action.issueKey} to ${action.link.url}`
    case 'jira.deleteRemoteLink':
      return `remove the link from ${action.issueKey} to ${action.globalId.replace(/^gitar-jira:/, '')}`
    case 'github.updatePrTitle':
      return `set the title of PR #${action.prNumber} to "${action.title}"`
  }
}
