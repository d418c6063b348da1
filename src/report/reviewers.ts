/**
 * The PR comment's "Suggested reviewers" section, the `suggested-reviewers` output, and what the
 * comment's state remembers of the review requests. Rendered from the plan and the applied
 * requests, so a dry run shows what a real run would do. Logins are links, never @-mentions;
 * names come from Jira and are escaped.
 */
import type { AppliedAction } from '../plan/actions.js'
import { describeTies } from '../rules/suggest-reviewers/people.js'
import { MAX_PEOPLE, type ReviewerSuggestion } from '../rules/suggest-reviewers/model.js'
import { escapeCell, withoutBidiControls } from '../util/escape.js'
import type { RunReport } from './model.js'
import type { CommentState } from './state.js'

/** At most this many people are listed as "no GitHub account found". */
const MAX_UNMAPPED = 10

type Request = Pick<AppliedAction, 'status' | 'warning'>

function requestsOf(applied: AppliedAction[]): Map<string, Request> {
  const requests = new Map<string, Request>()
  for (const a of applied) {
    if (a.action.type === 'github.requestReviewer') requests.set(a.action.login.toLowerCase(), a)
  }
  return requests
}

/** The state to write: the logins requested before, and those requested on this run. */
export function withRequested(state: CommentState, applied: AppliedAction[]): CommentState {
  const now = applied.flatMap((a) =>
    a.action.type === 'github.requestReviewer' && a.status === 'done' ? [a.action.login] : []
  )
  const requested = [...new Set([...(state.requested ?? []), ...now])]
  return requested.length > 0 ? { ...state, requested } : state
}

/** The `suggested-reviewers` output: the suggestions, less the ones GitHub refused. */
export function suggestedLogins(report: Pick<RunReport, 'reviewers' | 'applied'>): string[] {
  const requests = requestsOf(report.applied)
  return (report.reviewers?.suggested ?? [])
    .filter((s) => {
      const status = requests.get(s.login.toLowerCase())?.status
      return status !== 'warned' && status !== 'failed'
    })
    .map((s) => s.login)
}

function requestState(s: ReviewerSuggestion, request: Request | undefined): string {
  if (s.requestedEarlier || request?.status === 'done') return 'review requested'
  switch (request?.status) {
    case 'would':
      return 'would request a review (dry run)'
    case 'warned':
      return `⚠️ not requested: ${escapeCell(request.warning ?? '', 300)}`
    case 'failed':
      return 'the review request failed (see below)'
    default:
      return ''
  }
}

function suggestionLine(s: ReviewerSuggestion, request: Request | undefined): string {
  const parts = [
    `[${s.login}](${s.url})`,
    `${escapeCell(s.name, 60)}: ${describeTies(s.ties)}`,
    `matched by ${s.via}`,
    requestState(s, request)
  ]
  return `- ${parts.filter(Boolean).join(' · ')}`
}

type ShownReport = Pick<RunReport, 'reviewers' | 'applied' | 'linked' | 'earlierReviewers'>

/**
 * The section as the PR comment shows it, between markers so a later run can find it: this run's
 * plan, or, when the rule did not run on this event (an edit, a merge, a ticked box), the section
 * the previous run wrote, kept as it was instead of vanishing.
 */
export function reviewersSection(report: ShownReport): string {
  const block = reviewersShown(report)
  return block ? `${SECTION_START}\n${block}\n${SECTION_END}` : ''
}

/** The section without its markers, as the job summary shows it: this run's, or the kept one. */
export function reviewersShown(report: ShownReport): string {
  return report.reviewers ? reviewersBlock(report) : (report.earlierReviewers ?? '')
}

const SECTION_START = '<!-- gitar-jira:reviewers -->'
const SECTION_END = '<!-- /gitar-jira:reviewers -->'

/** Where the PR stands, for what a kept section can promise. */
export type PrStanding = 'open' | 'merged' | 'closed'

/**
 * Under a kept section whose linked issues have changed since: when reviewers are suggested again.
 * The rule runs on pushes and on reopening, not after a merge.
 */
export const OUTDATED: Record<PrStanding, string> = {
  open: '_Suggested before the linked issues changed; the next push suggests reviewers again._',
  merged:
    '_Suggested before the linked issues changed; the PR is merged, so none are suggested again._',
  closed: '_Suggested before the linked issues changed; reopening the PR suggests reviewers again._'
}

/**
 * The reviewers section of an earlier body of the PR comment, without its markers; with a line
 * under it when the linked issues are no longer the ones it was written for (`sameIssues`), or
 * were not when it was kept before: that line says what is true of the PR now (`standing`).
 */
export function earlierReviewersOf(
  commentBody: string,
  sameIssues: boolean,
  standing: PrStanding
): string | undefined {
  const start = commentBody.indexOf(SECTION_START)
  const end = commentBody.indexOf(SECTION_END, start)
  if (start < 0 || end < 0) return undefined
  const kept = commentBody.slice(start + SECTION_START.length, end).trim()
  const line = Object.values(OUTDATED).find((l) => kept.endsWith(l))
  const block = line ? kept.slice(0, -line.length).trim() : kept
  if (!block) return undefined
  return sameIssues && !line ? block : `${block}\n\n${OUTDATED[standing]}`
}

export function reviewersBlock(
  report: Pick<RunReport, 'reviewers' | 'applied' | 'linked'>
): string {
  const plan = report.reviewers
  if (!plan) return ''
  const { suggested, unmapped, notLookedUp, removed, noAccess } = plan
  if (suggested.length + unmapped.length + removed.length + noAccess.length === 0) {
    return report.linked.length > 0
      ? "**Suggested reviewers**: _no one to suggest among the linked issues' people._"
      : ''
  }
  const requests = requestsOf(report.applied)
  const lines: string[] = []
  if (suggested.length > 0) {
    lines.push(
      "**Suggested reviewers** (from the linked issues' people):",
      ...suggested.map((s) => suggestionLine(s, requests.get(s.login.toLowerCase())))
    )
  }
  if (unmapped.length > 0) {
    if (lines.length > 0) lines.push('')
    const shown = unmapped.slice(0, MAX_UNMAPPED).map((p) => {
      const hidden = p.emailHidden ? ' · email hidden in Jira: only the id can name them' : ''
      return `- ${escapeCell(p.name, 60)} (\`${withoutBidiControls(p.id).replace(/`/g, '')}\`): ${describeTies(p.ties)}${hidden}`
    })
    const more = unmapped.length - shown.length
    lines.push(
      '**Watching in Jira, no GitHub account found** (add them to `users` under `rules.suggest-reviewers` in the config file, by Jira email or the id shown; by the id where Jira hides the email):',
      ...shown,
      ...(more > 0 ? [`- and ${more} more`] : []),
      ...(notLookedUp > 0
        ? [
            `- ${notLookedUp} more of the linked issues' people ${notLookedUp === 1 ? 'was' : 'were'} not looked up: the best ranked are, ${MAX_PEOPLE} at most, until \`max\` reviewers are found`
          ]
        : [])
    )
  }
  if (removed.length > 0) {
    lines.push('', `Not requested again (someone removed the request): ${removed.join(', ')}`)
  }
  if (noAccess.length > 0) {
    const who = noAccess.map((p) => `${p.login} (${escapeCell(p.name, 60)})`).join(', ')
    lines.push('', `Left out, no access to the repository: ${who}`)
  }
  return lines.join('\n')
}
