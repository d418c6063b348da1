import { adfSize } from './adf.js'
import type { RichDoc } from './model.js'
import { toWiki } from './wiki.js'

/**
 * Jira refuses a description or a comment over 32,767 characters: of stored JSON on Cloud (ADF),
 * of wiki markup on Data Center. A budget leaves room below that limit.
 */
export const JIRA_TEXT_BUDGET = 30_000

/**
 * The size a budget is measured in: the larger of the two renderings the adapters send, in
 * UTF-16 code units as Jira (Java) counts them. ADF's JSON (`adfSize`, what Cloud stores) is
 * usually the larger, but wiki markup backslash-escapes `-`, `_`, `*`, `[`… and so can outgrow it
 * on text full of them (file paths, ASCII art); the same RichDoc goes to either flavour.
 */
export function jiraTextSize(doc: RichDoc): number {
  return Math.max(adfSize(doc), toWiki(doc).length)
}

/**
 * `build(n)` for the first of n = count, count / 2, count / 4, … 0 whose text is within `budget`
 * (or for 0 when none is): how many items of a list fit, found in a few builds.
 */
export function halvedToFit(
  count: number,
  build: (n: number) => RichDoc,
  budget: number
): { n: number; doc: RichDoc } {
  let n = count
  let doc = build(n)
  while (n > 0 && jiraTextSize(doc) > budget) {
    n = Math.floor(n / 2)
    doc = build(n)
  }
  return { n, doc }
}
