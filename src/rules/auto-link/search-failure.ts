/**
 * Why key-less linking could not search Jira for candidates: the explicit and earlier links
 * stand, and the other rules run on them. A project Jira says it does not have is a typo in the
 * config file (`jira.projects`, or a `candidate-jql` that names it), reported with its line as a
 * mistake to fix; any other refusal or outage is reported as it is.
 */
import type { KeyPath } from '../../config/load.js'
import type { Settings } from '../../config/settings.js'
import { valuesJiraLacks } from '../../jira/errors.js'
import type { Failure } from '../../report/failures.js'
import { errorKind, getErrorMessage } from '../../util/errors.js'

export type SearchFailure = Omit<Failure, 'rule'>

export function searchFailure(error: unknown, settings: Settings): SearchFailure {
  const missing = valuesJiraLacks(error, 'project')
  const setting = missing.map((project) => settingOf(project, settings)).find((key) => key)
  if (setting) {
    const list = missing.join(', ')
    return {
      message: `Jira has no project ${list} (or the account cannot see ${missing.length === 1 ? 'it' : 'them'}), so key-less linking could not search for candidates; the issues the PR names are linked as usual.`,
      kind: 'user',
      setting
    }
  }
  return {
    message: `key-less linking could not search Jira for candidates (${getErrorMessage(error)}); the issues the PR names are linked as usual. If the search is refused, check rules.auto-link.candidate-jql and jira.projects in the config file.`,
    kind: errorKind(error)
  }
}

/** The key of the config file that names `project`: an item of jira.projects, or candidate-jql. */
function settingOf(project: string, settings: Settings): KeyPath | undefined {
  const wanted = project.toUpperCase()
  const index = settings.jira.projects?.findIndex((p) => p.toUpperCase() === wanted) ?? -1
  if (index >= 0) return ['jira', 'projects', index]
  const jql = settings.rules.autoLink.candidateJql ?? ''
  return jql.toUpperCase().includes(wanted) ? ['rules', 'auto-link', 'candidate-jql'] : undefined
}
