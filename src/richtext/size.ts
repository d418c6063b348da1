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
