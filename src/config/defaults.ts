/**
 * Built-in defaults (PRODUCT.md, "The config file"): the lowest layer of input > file > default.
 * Every rule is on except `transitions`, which moves issues only where a team chose to.
 */
import type { Settings } from './settings.js'

export const DEFAULT_CONFIG_PATH = '.github/gitar-jira.yml'

const DEFAULTS: Omit<Settings, 'source'> = {
  jira: { projects: null },
  rules: {
    autoLink: {
      enabled: true,
      sources: ['title', 'branch', 'body', 'commits'],
      infer: true,
      inferResolves: false,
      minConfidence: 0.8,
      suggestConfidence: 0.45,
      candidateJql: 'statusCategory != Done',
      updateTitle: false
    },
    transitions: {
      enabled: false,
      onOpen: 'In Review',
      onMerge: 'Done',
      onClose: null
    },
    mergeSummary: {
      enabled: true,
      visibility: null
    },
    suggestReviewers: {
      enabled: true,
      mode: 'comment',
      max: 3,
      sources: { watchers: 1, reporter: 2, assignee: 1 },
      users: {}
    },
    followUps: {
      enabled: true,
      todos: true,
      unresolvedThreads: true,
      keywords: ['TODO', 'FIXME', 'HACK', 'XXX'],
      when: 'merge',
      grouping: 'todo',
      project: null,
      issueType: 'Task',
      labels: ['follow-up']
    }
  },
  dryRun: false,
  failOnError: true
}

/** A fresh copy of the defaults, as if no file and no behaviour input were given. */
export function defaultSettings(
  source: Settings['source'] = { path: DEFAULT_CONFIG_PATH, ref: '', found: false }
): Settings {
  return { ...structuredClone(DEFAULTS), source: { ...source } }
}
