/**
 * transitions: the issues a PR resolves move with it. Opened or ready for review → `on-open`,
 * merged → `on-merge`, closed unmerged → `on-close`. Issues the PR only references never move.
 * The plan picks, per issue, the available transition whose target status has the wanted name
 * (without case or extra spaces), with the resolution its screen asks for (RESOLUTIONS); an issue
 * already there is left alone; none reaching it is a warning. A move back is left out
 * (forward.ts): a done issue stays done, and open or merge never take an issue to an earlier
 * status category; the PR comment says why. A PR by an outsider moves issues only at its merge
 * (held.ts).
 */
import type { Settings, TransitionsSettings } from '../../config/settings.js'
import type { PrEvent } from '../../context.js'
import { sameName } from '../../jira/names.js'
import type { Transition, TransitionFill } from '../../jira/port.js'
import { fillScreen } from '../../jira/screen.js'
import { closedByThisPr, isDone, whyItStays } from './forward.js'
import { heldNote, heldUntilMerge } from './held.js'
import { betweenMoments, dueNow, momentOf, type Moment } from './moment.js'
import type { Action } from '../../plan/actions.js'
import type { LinkedIssue } from '../linked-issue.js'
import type { Facts, Note, Ports, Rule, RulePlan } from '../types.js'

export { momentOf, type Moment } from './moment.js'

/** Issue key → the transitions its workflow offers now (only for issues that may move). */
export type AvailableTransitions = Record<string, Transition[]>

const DONE = ['Done', 'Fixed', 'Resolved', 'Complete', 'Completed']
const NOT_DONE = ["Won't Do", "Won't Fix", 'Cancelled', 'Canceled', 'Declined', 'Abandoned']

/**
 * The resolution a transition's screen gets (see jira/screen.ts): its default, unless that says
 * the opposite of the moment, else the first of `prefer` it allows. The work is done at the
 * merge; a PR closed unmerged did not do it.
 */
export const RESOLUTIONS: Readonly<Record<Moment, Pick<TransitionFill, 'prefer' | 'avoid'>>> = {
  'on-open': { prefer: DONE, avoid: NOT_DONE },
  'on-merge': { prefer: DONE, avoid: NOT_DONE },
  'on-close': { prefer: NOT_DONE, avoid: DONE }
}

/** The status the config names for the moment; null leaves that step out. */
export function statusAt(moment: Moment, settings: TransitionsSettings): string | null {
  switch (moment) {
    case 'on-open':
      return settings.onOpen
    case 'on-merge':
      return settings.onMerge
    case 'on-close':
      return settings.onClose
  }
}

/**
 * Why an issue cannot reach the status: what its workflow offers from where it is. Said by the
 * plan, and by the report when a list read again at the write no longer leads there.
 */
export function cannotMove(
  key: string,
  wanted: string,
  from: string,
  offered: Transition[]
): string {
  const reachable = [...new Set(offered.map((t) => t.to.name))]
  return reachable.length > 0
    ? `${key} cannot move to "${wanted}" from "${from}": no transition of its workflow leads there. Reachable from here: ${reachable.join(', ')}.`
    : `${key} cannot move to "${wanted}" from "${from}": Jira offers the action's account no transition from there: the status is final in its workflow, or the account lacks the 'Transition issues' permission in the project.`
}

/**
 * What this run moves, and to which status; null: nothing. `takenBackUp`: done issues the PR's
 * own close moved there, moved on now that it is open again or merged (forward.ts).
 */
function wantedNow(facts: Facts, settings: Settings) {
  const config = settings.rules.transitions
  const due = dueNow(facts)
  const wanted = due && statusAt(due.moment, config)
  if (due === null || wanted === null) return null
  const takenBackUp = new Set(
    due.moment === 'on-close'
      ? []
      : due.issues
          .filter((l) => closedByThisPr(l.issue, facts.previous.moved, config.onClose))
          .map((l) => l.issue.key)
  )
  return { ...due, wanted, takenBackUp }
}

/** The issues that may move: not in the wanted status yet, and not done (forward.ts). */
function issuesToMove({
  issues,
  wanted,
  takenBackUp
}: NonNullable<ReturnType<typeof wantedNow>>): LinkedIssue[] {
  return issues.filter(
    (l) =>
      !sameName(l.issue.status.name, wanted) && (!isDone(l.issue) || takenBackUp.has(l.issue.key))
  )
}

export const transitions: Rule<AvailableTransitions> = {
  name: 'transitions',

  appliesTo(event: PrEvent, settings: Settings): boolean {
    const config = settings.rules.transitions
    const moment = momentOf(event)
    if (!config.enabled) return false
    if (moment !== null) return statusAt(moment, config) !== null
    return betweenMoments(event) && config.onOpen !== null
  },

  async gather(ports: Ports, facts: Facts, settings: Settings): Promise<AvailableTransitions> {
    const now = wantedNow(facts, settings)
    if (now === null || heldUntilMerge(facts.author, now.moment)) return {}
    const keys = issuesToMove(now).map((l) => l.issue.key)
    const lists = await Promise.all(keys.map((key) => ports.jira.getTransitions(key, now.wanted)))
    return Object.fromEntries(keys.map((key, i) => [key, lists[i]!]))
  },

  plan(facts: Facts, available: AvailableTransitions, settings: Settings): RulePlan {
    const now = wantedNow(facts, settings)
    const actions: Action[] = []
    const notes: Note[] = []
    const unmoved: string[] = []
    if (now === null) {
      if (momentOf(facts.event) !== null) {
        notes.push({
          level: 'info',
          text: `The PR is ${facts.pr.pr.state} now, unlike when this '${facts.event.action}' event happened: no issue is moved on a rerun of it.`
        })
      }
      return { actions, notes }
    }

    const { moment, wanted, issues, takenBackUp } = now
    if (heldUntilMerge(facts.author, moment)) {
      const keys = issuesToMove(now).map((l) => l.issue.key)
      const { onMerge } = settings.rules.transitions
      if (keys.length > 0) {
        notes.push(heldNote(keys, wanted, moment, onMerge, facts.author, facts.event))
      }
      return { actions, notes }
    }
    const leave = (key: string, from: string, to: string, because: string): Action => ({
      type: 'jira.transition',
      rule: 'transitions',
      issueKey: key,
      transitionId: null,
      from,
      to,
      leftBecause: because
    })
    for (const linked of issues) {
      const { key, status } = linked.issue
      if (sameName(status.name, wanted)) {
        // Already there: nothing to write, but the report shows the same line as after a move,
        // so a rerun leaves the PR comment as the first run wrote it.
        actions.push({
          type: 'jira.transition',
          rule: 'transitions',
          issueKey: key,
          transitionId: null,
          from: status.name,
          to: status.name
        })
        continue
      }
      const offered = available[key] ?? []
      const transition = offered.find((t) => sameName(t.to.name, wanted))
      const stays = whyItStays(linked.issue, moment, transition?.to, takenBackUp.has(key))
      if (stays !== null) {
        actions.push(leave(key, status.name, transition?.to.name ?? wanted, stays))
        continue
      }
      if (transition) {
        const { fill, unfilled, unresolved } = fillScreen(transition, RESOLUTIONS[moment])
        actions.push({
          type: 'jira.transition',
          rule: 'transitions',
          issueKey: key,
          transitionId: transition.id,
          from: status.name,
          to: transition.to.name,
          moment,
          fill,
          ...(unfilled.length > 0
            ? { unfilled: { transition: transition.name, fields: unfilled } }
            : {}),
          ...(unresolved ? { unresolved: { transition: transition.name, field: unresolved } } : {})
        })
        continue
      }
      notes.push({ level: 'warning', text: cannotMove(key, wanted, status.name, offered) })
      unmoved.push(key)
    }
    return { actions, notes, ...(unmoved.length > 0 ? { unmoved } : {}) }
  }
}
