/**
 * input > file > default: the file's layer over the built-in defaults, then the rule toggles set
 * as inputs over both. Checks that span keys (or layers) run on the result.
 */
import * as core from '@actions/core'
import type { Inputs } from '../inputs.js'
import type { UserError } from '../util/errors.js'
import { UserErrors } from '../util/errors.js'
import { defaultSettings } from './defaults.js'
import { judgedPositions } from './judged-by-jira.js'
import { configError, formatKeyPath, type KeyPath, type ParsedConfig } from './load.js'
import { camelCase } from './schema.js'
import { RULE_NAMES, type Settings } from './settings.js'

type RuleKey = keyof Settings['rules']

export interface MergeArgs {
  parsed: ParsedConfig
  inputs: Pick<Inputs, 'rules' | 'dryRun' | 'failOnError'>
  source: Settings['source']
}

/** The settings every rule receives. Throws `UserErrors` when keys contradict each other. */
export function mergeSettings({ parsed, inputs, source }: MergeArgs): Settings {
  const file = parsed.config
  const fileRules = file.rules ?? {}
  const judged = judgedPositions(parsed)
  const settings = defaultSettings(
    Object.keys(judged).length > 0 ? { ...source, at: judged } : source
  )
  const defaults = settings.rules

  settings.jira = { ...settings.jira, ...file.jira }
  settings.rules = {
    autoLink: { ...defaults.autoLink, ...fileRules.autoLink },
    transitions: { ...defaults.transitions, ...fileRules.transitions },
    mergeSummary: { ...defaults.mergeSummary, ...fileRules.mergeSummary },
    suggestReviewers: {
      ...defaults.suggestReviewers,
      ...fileRules.suggestReviewers,
      sources: { ...defaults.suggestReviewers.sources, ...fileRules.suggestReviewers?.sources }
    },
    followUps: { ...defaults.followUps, ...fileRules.followUps }
  }

  for (const rule of RULE_NAMES) {
    const value = inputs.rules[rule]
    if (value === undefined) continue
    const key = camelCase(rule) as RuleKey
    const fromFile = fileRules[key]?.enabled
    const overridden =
      fromFile === undefined
        ? `the built-in default of rules.${rule}.enabled (${settings.rules[key].enabled})`
        : `the config file's rules.${rule}.enabled (${fromFile})`
    core.info(`Input '${rule}' (${value}) overrides ${overridden}.`)
    settings.rules[key].enabled = value
  }
  settings.dryRun = inputs.dryRun ?? settings.dryRun
  settings.failOnError = inputs.failOnError ?? settings.failOnError

  const errors = crossCheck(settings, parsed, inputs)
  if (errors.length > 0) throw new UserErrors(errors)
  return settings
}

const MIN_CONFIDENCE = ['rules', 'auto-link', 'min-confidence']
const SUGGEST_CONFIDENCE = ['rules', 'auto-link', 'suggest-confidence']

function crossCheck(
  settings: Settings,
  parsed: ParsedConfig,
  inputs: MergeArgs['inputs']
): UserError[] {
  const errors: UserError[] = []
  const fail = (blamed: KeyPath, text: string): void => {
    errors.push(configError(parsed.path, parsed.locate(blamed), text))
  }
  const fileRules = parsed.config.rules ?? {}
  const { autoLink, transitions, followUps } = settings.rules

  if (autoLink.suggestConfidence > autoLink.minConfidence) {
    const setSuggest = fileRules.autoLink?.suggestConfidence !== undefined
    const setMin = fileRules.autoLink?.minConfidence !== undefined
    fail(
      setSuggest ? SUGGEST_CONFIDENCE : MIN_CONFIDENCE,
      `${formatKeyPath(SUGGEST_CONFIDENCE)} (${autoLink.suggestConfidence}${setSuggest ? '' : ', the default'}) ` +
        `must not be greater than ${formatKeyPath(MIN_CONFIDENCE)} (${autoLink.minConfidence}${setMin ? '' : ', the default'})`
    )
  }

  if (
    transitions.enabled &&
    transitions.onOpen === null &&
    transitions.onMerge === null &&
    transitions.onClose === null
  ) {
    const how = inputs.rules.transitions === undefined ? '' : " by the input 'transitions'"
    fail(
      ['rules', 'transitions', 'enabled'],
      `rules.transitions is enabled${how} but names no status: set on-open, on-merge or on-close`
    )
  }

  const projects = settings.jira.projects
  if (followUps.project !== null && projects !== null && !projects.includes(followUps.project)) {
    fail(
      ['rules', 'follow-ups', 'project'],
      `rules.follow-ups.project (${followUps.project}) is not one of jira.projects (${projects.join(', ')})`
    )
  }
  return errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
}
