/**
 * Failures as a person reads them: one line per mistake, not per item it hit. A wrong
 * `rules.follow-ups.project` fails every create of a merge with the same words; those become one
 * line with a count and the items (`… (5 times: the TODO at a.ts:1, …)`).
 */
import { settingPointer } from '../config/judged-by-jira.js'
import type { KeyPath, Position } from '../config/load.js'
import type { RuleName, Settings } from '../config/settings.js'
import type { ErrorKind } from '../util/errors.js'
import { firstOf } from '../util/list.js'

export interface Failure {
  rule: RuleName
  message: string
  /** What the failed write was for ("the TODO at src/a.ts:12", an issue key), when it had one. */
  item?: string
  /** `user`: a mistake to fix, which fails the step even with `fail-on-error: false`. */
  kind?: ErrorKind
  /** The config key whose value Jira refused (see config/judged-by-jira.ts). */
  setting?: KeyPath
  /** Where the config file writes `setting`: the annotation goes on that line. */
  at?: { file: string } & Position
}

export interface FailureGroup extends Pick<Failure, 'rule' | 'kind' | 'at'> {
  /** The message, with the item's own words (if it named them) as `…` when several share it. */
  message: string
  count: number
  items: string[]
}

/**
 * A failure over a value the config file sets says so first (`rules.follow-ups.project in
 * .github/gitar-jira.yml (line 12): …`) and is a mistake to fix, annotated on that line.
 */
export function pointedAtSetting(failure: Failure, source: Settings['source']): Failure {
  if (!failure.setting) return failure
  const { where, at } = settingPointer(failure.setting, source)
  return {
    ...failure,
    kind: 'user',
    message: `${where}: ${failure.message}`,
    ...(at ? { at } : {})
  }
}

/** At most this many items are named after the count. */
export const MAX_ITEMS_SHOWN = 3

/** Failures of one rule whose message is the same but for the item it names: one group, in order. */
export function groupFailures(failures: readonly Failure[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>()
  for (const f of failures) {
    const general = f.item ? f.message.split(f.item).join('…') : f.message
    const id = `${f.rule}\n${general}`
    const group = groups.get(id)
    if (!group) {
      groups.set(id, {
        rule: f.rule,
        message: f.message,
        count: 1,
        items: f.item ? [f.item] : [],
        ...(f.kind ? { kind: f.kind } : {}),
        ...(f.at ? { at: f.at } : {})
      })
      continue
    }
    group.count++
    group.message = general
    if (f.item && !group.items.includes(f.item)) group.items.push(f.item)
  }
  return [...groups.values()]
}

/**
 * `(5 times: a, b, c and 2 more)`, said after the message; for a failure seen once, its item
 * when the message does not name it (`(OPS-2)`: Jira's 403 says "the project", not which).
 */
export function timesOf(group: FailureGroup): string {
  if (group.count === 1) {
    const [item] = group.items
    return item && !group.message.includes(item) ? `(${item})` : ''
  }
  const items = group.items.length > 0 ? `: ${firstOf(group.items, MAX_ITEMS_SHOWN)}` : ''
  return `(${group.count} times${items})`
}

/** `rule: message (n times: …)`: a line of the final annotation. */
export function failureLine(group: FailureGroup): string {
  return [`${group.rule}: ${group.message}`, timesOf(group)].join(' ').trim()
}

/** One line per group: the final annotation's text. */
export function failureLines(failures: readonly Failure[]): string[] {
  return groupFailures(failures).map(failureLine)
}
