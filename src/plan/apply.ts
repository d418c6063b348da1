/**
 * The single write point. Dry-run and per-action failure handling live here and nowhere else;
 * idempotency comes from the keys the actions carry (remote links by globalId).
 */
import * as core from '@actions/core'
import type { GitHubPort } from '../github/port.js'
import type { JiraPort } from '../jira/port.js'
import { getErrorMessage } from '../util/errors.js'
import { describeAction, type Action, type AppliedAction } from './actions.js'

export interface Writers {
  jira: Pick<JiraPort, 'upsertRemoteLink' | 'deleteRemoteLink'>
  github: Pick<GitHubPort, 'updatePrTitle'>
}

export async function applyActions(
  actions: Action[],
  writers: Writers,
  options: { dryRun: boolean }
): Promise<AppliedAction[]> {
  const applied: AppliedAction[] = []
  // Sequential on purpose: few writes per run, a readable log, and Jira's rate limits respected.
  for (const action of actions) {
    const what = describeAction(action)
    if (options.dryRun) {
      core.info(`[dry-run] would ${what}`)
      applied.push({ action, status: 'would' })
      continue
    }
    try {
      await write(action, writers)
      core.info(`${what}: done`)
      applied.push({ action, status: 'done' })
    } catch (error) {
      const message = getErrorMessage(error)
      core.info(`Could not ${what}: ${message}`)
      applied.push({ action, status: 'failed', error: message })
    }
  }
  return applied
}

async function write(action: Action, { jira, github }: Writers): Promise<void> {
  switch (action.type) {
    case 'jira.upsertRemoteLink':
      return jira.upsertRemoteLink(action.issueKey, action.link)
    case 'jira.deleteRemoteLink':
      return jira.deleteRemoteLink(action.issueKey, action.globalId)
    case 'github.updatePrTitle':
      return github.updatePrTitle(action.prNumber, action.title)
  }
}
