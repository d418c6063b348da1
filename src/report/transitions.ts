/**
 * The PR comment's short "Jira status" section: where the issues the PR resolves stand after the
 * transitions of this run. A move and "already there" read the same, so a rerun leaves the
 * comment as it was; an issue left where it is rather than moved back says why, as a plain line:
 * nothing is wrong. A refusal by Jira (a transition screen with required fields) is a warning.
 * On a later event, the issues the action moved on earlier runs (the state's `moved`) are listed
 * with where they are now.
 */
import { escapeCell } from '../util/escape.js'
import type { TransitionFill } from '../jira/port.js'
import type { Action, AppliedAction } from '../plan/actions.js'
import type { LinkedIssue } from '../rules/linked-issue.js'
import type { TransitionsSettings } from '../config/settings.js'
import { sameName } from '../jira/names.js'
import { cannotMove, statusAt } from '../rules/transitions/index.js'
import type { RunReport } from './model.js'
import { rememberedMoves, type CommentState } from './state.js'
import type { Moment } from '../rules/transitions/moment.js'

/**
 * The section's lines in the order of the linked issues, whichever run moved them: a rerun that
 * finds this run's moves made already lists them where the first run did.
 */
export function transitionsBlock(
  report: Pick<RunReport, 'applied'> & Partial<Pick<RunReport, 'earlierMoves' | 'linked'>>
): string {
  const lines = report.applied.flatMap((a) => {
    const line = transitionLine(a)
    return line === null || a.action.type !== 'jira.transition'
      ? []
      : [{ key: a.action.issueKey, line: `- ${line}` }]
  })
  const earlier = (report.earlierMoves ?? []).map((m) => ({
    key: m.key,
    line: `- ${earlierMoveLine(m)}`
  }))
  const order = new Map((report.linked ?? []).map((l, i) => [l.issue.key, i]))
  const at = (key: string) => order.get(key) ?? order.size
  const all = [...lines, ...earlier].sort((a, b) => at(a.key) - at(b.key))
  return all.length > 0 ? ['**Jira status**', ...all.map((l) => l.line)].join('\n') : ''
}

/** An issue the action moved on an earlier run of the PR, and where it is now. */
export interface EarlierMove {
  key: string
  /** The status the config names for the moment it was moved at. */
  to: string
  now: string
  /** Moved at the moment the PR still stands at (opened, and open still). */
  standing: boolean
}

/**
 * Still where it was moved, at the moment the PR still stands at, it reads as the move did: a
 * rerun, or a later push, leaves the line as the run that moved it wrote it.
 */
function earlierMoveLine({ key, to, now, standing }: EarlierMove): string {
  if (standing && sameName(now, to)) return `${escapeCell(key, 40)} → **${escapeCell(now, 60)}**`
  const where = `${escapeCell(key, 40)} is in **${escapeCell(now, 60)}**`
  return sameName(now, to)
    ? `${where} (moved there on an earlier run)`
    : `${where} (moved to ${escapeCell(to, 60)} on an earlier run)`
}

/**
 * The issues the action moved on earlier runs and this run does not move: shown on later events,
 * so a reviewer still sees where they stand, without a move claimed for this run.
 */
export function earlierMovesOf(
  linked: LinkedIssue[],
  applied: AppliedAction[],
  moved: CommentState['moved'],
  settings: TransitionsSettings,
  standing: Moment | null
): EarlierMove[] {
  if (!settings.enabled || !moved) return []
  const handled = new Set(
    applied.flatMap(({ action }) => (action.type === 'jira.transition' ? [action.issueKey] : []))
  )
  return linked.flatMap(({ issue, strength }) => {
    const moment = moved[issue.key]
    const to = moment && statusAt(moment, settings)
    if (!to || strength !== 'resolves' || handled.has(issue.key)) return []
    return [{ key: issue.key, to, now: issue.status.name, standing: moment === standing }]
  })
}

/**
 * The state after this run's transitions: an issue the action moved now is remembered with the
 * moment; one moved on an earlier run keeps its entry while the PR links it. An issue found
 * already at the status of the moment the PR stands at (`standing`: open or merged) counts as
 * moved too: a run whose move was made but whose
 * PR comment was not written (a failure, then a rerun) must end with the state of a run that
 * wrote both. Not at the close: a reopen takes back only what this PR's close itself moved.
 */
export function withMoves(
  state: CommentState,
  applied: AppliedAction[],
  earlier: CommentState,
  standing: Moment | null = null
): CommentState {
  const linked = new Set(state.links.map((l) => l.key))
  const moved = Object.fromEntries(
    Object.entries(earlier.moved ?? {}).filter(([key]) => linked.has(key))
  )
  for (const { action, status } of applied) {
    if (action.type !== 'jira.transition' || status !== 'done') continue
    if (action.transitionId !== null) {
      if (action.moment) moved[action.issueKey] = action.moment
    } else if (action.leftBecause === undefined && standing && standing !== 'on-close') {
      moved[action.issueKey] = standing
    }
  }
  const { moved: _, ...rest } = state
  const kept = rememberedMoves(moved)
  return Object.keys(kept).length > 0 ? { ...rest, moved: kept } : rest
}

function transitionLine(applied: AppliedAction): string | null {
  const { action, status, warning, refusal } = applied
  if (action.type !== 'jira.transition') return null
  const key = escapeCell(action.issueKey, 40)
  const from = escapeCell(action.from, 60)
  const to = escapeCell(action.to, 60)
  if (action.leftBecause !== undefined) {
    // The reason is the action's own fixed words (forward.ts): nothing in it to escape.
    return `${key} stays in **${from}**, not moved to ${to}: ${action.leftBecause}`
  }
  if (action.transitionId === null || status === 'done') return `${key} → **${to}**`
  switch (status) {
    case 'would': {
      const unfilled = action.unfilled ? screenNeeds(action.unfilled, action.fill) : ''
      return unfilled
        ? `${key}: would move ${from} → ${to} (dry run; Jira would likely refuse: ${escapeCell(unfilled, 600)})`
        : `${key}: would move ${from} → ${to} (dry run)`
    }
    case 'warned':
      if (refusal?.offered) {
        return `⚠️ ${escapeCell(cannotMove(action.issueKey, action.to, action.from, refusal.offered), 600)}`
      }
      return `⚠️ ${key} stays in ${from}: Jira refused the move to ${to}: ${escapeCell(warning ?? '', 300)}${withAdvice(applied, (advice) => escapeCell(advice, 600))}`
    case 'failed':
      return `${key}: the move to ${to} failed (see below)`
  }
}

type Unfilled = NonNullable<Extract<Action, { type: 'jira.transition' }>['unfilled']>

/**
 * What a screen requires that the action leaves empty, and what to change. A resolution it could
 * not pick is named with the values the field offers: taking it off the screen would leave issues
 * done and "Unresolved".
 */
function screenNeeds({ transition, fields }: Unfilled, fill: TransitionFill | undefined): string {
  const sentences: string[] = []
  const others = fields.filter((f) => f.key !== 'resolution')
  if (others.length > 0) {
    const names = others.map((f) => `'${f.name}'`).join(', ')
    const them = others.length === 1 ? 'it' : 'them'
    sentences.push(
      `The screen of the '${transition}' transition requires ${names}, which the action does not fill: give ${them} a default value or take ${them} off that screen in the workflow, or name another status in the config file.`
    )
  }
  const resolution = fields.find((f) => f.key === 'resolution')
  if (resolution) {
    const offers = resolution.allowed ? ` (it offers ${resolution.allowed.join(', ')})` : ''
    sentences.push(
      `The '${transition}' screen requires a ${resolution.name} and offers none of ${(fill?.prefer ?? []).join(', ')}${offers}: add one of those resolutions, or give the field a default value.`
    )
  }
  return sentences.join(' ')
}

/**
 * After Jira refused a transition: what the screen of the transition tried requires that the
 * action left empty, when the refusal names it. '' when it names none of them (a validator, a
 * condition: the screen is then not the reason).
 */
export function screenAdvice({ action, warning, refusal }: AppliedAction): string {
  if (action.type !== 'jira.transition' || !refusal?.unfilled) return ''
  const reason = warning ?? ''
  const named = refusal.unfilled.fields.filter(
    (f) => refusal.fields.includes(f.key) || reason.includes(f.name)
  )
  if (named.length === 0) return ''
  return screenNeeds({ ...refusal.unfilled, fields: named }, action.fill)
}

/**
 * A move to a done status that leaves the screen's optional resolution empty (it offers none of
 * the names the action would pick, and has no default): Jira shows the issue as "Unresolved".
 * Said as a warning of the run that moves it (or would, in a dry run), not in the PR comment: a
 * rerun finds the issue there already and would say nothing.
 */
export function unresolvedWarning({ action, status, sent }: AppliedAction): string | null {
  if (action.type !== 'jira.transition' || !action.unresolved || sent !== undefined) return null
  if (status !== 'done' && status !== 'would') return null
  const { transition, field } = action.unresolved
  const offers = field.allowed?.length ? ` (it offers ${field.allowed.join(', ')})` : ''
  const moved = status === 'done' ? 'moved' : 'would move (dry run)'
  return `${action.issueKey} ${moved} to "${action.to}" without a ${field.name}: the '${transition}' screen offers none of ${(action.fill?.prefer ?? []).join(', ')}${offers} and has no default, so Jira shows the issue as Unresolved. Add one of those resolutions, or give the field a default value.`
}

/** ' ' and the screen advice, formatted, or '' when there is none. */
export function withAdvice(applied: AppliedAction, format: (advice: string) => string): string {
  const advice = screenAdvice(applied)
  return advice ? ` ${format(advice)}` : ''
}

/** The linked issues with the statuses they have after this run's transitions. */
export function statusesAfter(linked: LinkedIssue[], applied: AppliedAction[]): LinkedIssue[] {
  const moved = new Map<string, string>()
  for (const { action, status } of applied) {
    if (action.type === 'jira.transition' && action.transitionId !== null && status === 'done') {
      moved.set(action.issueKey, action.to)
    }
  }
  if (moved.size === 0) return linked
  return linked.map((l) => {
    const to = moved.get(l.issue.key)
    return to === undefined
      ? l
      : { ...l, issue: { ...l.issue, status: { ...l.issue.status, name: to } } }
  })
}
