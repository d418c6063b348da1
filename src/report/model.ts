/** What a run did, in the terms the PR comment, the job summary and the outputs speak. */
import type { RuleName } from '../config/settings.js'
import type { AppliedAction } from '../plan/actions.js'
import type { LinkedIssue, Suggestion } from '../rules/linked-issue.js'
import type { Note } from '../rules/types.js'
import type { CommentState } from './state.js'

export interface RunReport {
  dryRun: boolean
  repo: string
  prNumber: number
  headSha: string
  linked: LinkedIssue[]
  /** Possible matches below min-confidence: boxes to tick. */
  suggestions: Suggestion[]
  /** What the next run should know: written into the comment's hidden block. */
  state: CommentState
  /** Keys whose link was removed because they left the PR. */
  unlinked: string[]
  notes: (Note & { rule: RuleName })[]
  failures: { rule: RuleName; message: string }[]
  applied: AppliedAction[]
}

export function ruleFailures(applied: AppliedAction[]): RunReport['failures'] {
  return applied
    .filter((a) => a.status === 'failed')
    .map((a) => ({ rule: a.action.rule, message: a.error ?? 'unknown error' }))
}
