/**
 * Failures as a person reads them: one line per mistake, not per item it hit. A wrong
 * `rules.follow-ups.project` fails every create of a merge with the same words; those become one
 * line with a count and the items (`… (5 times: the TODO at a.ts:1, …)`).
 */
import type { RuleName } from '../config/settings.js'
import { firstOf } from '../util/list.js'

export interface Failure {
  rule: RuleName
  message: string
  /** What the failed write was for ("the TODO at src/a.ts:12", an issue key), when it had one. */
  item?: string
}

export interface FailureGroup {
  rule: RuleName
  /** The message, with the item's own words (if it named them) as `…` when several share it. */
  message: string
  count: number
  items: string[]
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
      groups.set(id, { rule: f.rule, message: f.message, count: 1, items: f.item ? [f.item] : [] })
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

/** One line per group, `rule: message (n times: …)`: the final annotation's text. */
export function failureLines(failures: readonly Failure[]): string[] {
  return groupFailures(failures).map((g) =>
    [`${g.rule}: ${g.message}`, timesOf(g)].join(' ').trim()
  )
}
