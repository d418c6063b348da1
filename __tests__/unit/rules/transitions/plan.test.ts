import { jest } from '@jest/globals'
import type { Settings } from '../../../../src/config/settings.js'
import type { ScreenField, Transition } from '../../../../src/jira/port.js'
import type { LinkedIssue } from '../../../../src/rules/linked-issue.js'
import {
  momentOf,
  RESOLUTIONS,
  transitions,
  type AvailableTransitions
} from '../../../../src/rules/transitions/index.js'
import type { Ports } from '../../../../src/rules/types.js'
import { parseState, writeState } from '../../../../src/report/state.js'
import { facts, jiraIssue, prEvent, prFacts, settings } from '../../../helpers/facts.js'

function config(overrides: Partial<Settings['rules']['transitions']> = {}): Settings {
  const s = settings()
  s.rules.transitions = {
    enabled: true,
    onOpen: 'In Review',
    onMerge: 'Done',
    onClose: null,
    ...overrides
  }
  return s
}

function linked(
  key: string,
  status: string,
  strength: LinkedIssue['strength'] = 'resolves'
): LinkedIssue {
  return {
    issue: jiraIssue(key, { status: { name: status, category: 'indeterminate' } }),
    strength,
    via: 'explicit',
    sources: ['body']
  }
}

const t = (id: string, to: string): Transition => ({ id, name: `Go ${to}`, to: { name: to } })

/** The standard workflow's transitions from In Progress. */
const FROM_IN_PROGRESS = [t('11', 'To Do'), t('31', 'In Review'), t('41', 'Done')]

const merged = prEvent({ action: 'closed', merged: true, closed: true })
const closed = prEvent({ action: 'closed', merged: false, closed: true })

describe('transitions: when', () => {
  test.each([
    ['opened', false, false, 'on-open'],
    ['reopened', false, false, 'on-open'],
    ['ready_for_review', false, false, 'on-open'],
    ['opened', true, false, null], // a draft is not up for review
    ['closed', false, true, 'on-merge'],
    ['closed', false, false, 'on-close'],
    ['edited', false, false, null],
    ['synchronize', false, false, null],
    ['checkbox', false, false, null]
  ])('%s (draft %s, merged %s) → %s', (action, draft, isMerged, moment) => {
    expect(
      momentOf(prEvent({ action, draft, merged: isMerged, closed: action === 'closed' }))
    ).toBe(moment)
  })

  test('applies only when enabled and a status is named for the moment', () => {
    expect(transitions.appliesTo(prEvent(), config())).toBe(true)
    expect(transitions.appliesTo(prEvent(), config({ enabled: false }))).toBe(false)
    expect(transitions.appliesTo(closed, config())).toBe(false) // on-close: null
    expect(transitions.appliesTo(closed, config({ onClose: 'To Do' }))).toBe(true)
    expect(transitions.appliesTo(merged, config({ onMerge: null }))).toBe(false)
    expect(transitions.appliesTo(prEvent({ draft: true }), config())).toBe(false)
  })
})

describe('transitions: plan (pure)', () => {
  test('merged: the resolved issue moves by the transition that reaches the status', () => {
    const f = facts({ event: merged, linked: [linked('SHOP-12', 'In Progress')] })
    const plan = transitions.plan(f, { 'SHOP-12': FROM_IN_PROGRESS }, config())
    expect(plan.actions).toEqual([
      {
        type: 'jira.transition',
        rule: 'transitions',
        issueKey: 'SHOP-12',
        transitionId: '41',
        from: 'In Progress',
        to: 'Done',
        moment: 'on-merge',
        // No screen, no resolution; the names travel along for a layer that reads a newer screen.
        fill: RESOLUTIONS['on-merge']
      }
    ])
    expect(plan.notes).toEqual([])
  })

  test('status names match case-insensitively, and spaces around or between words do not matter', () => {
    const f = facts({ linked: [linked('SHOP-12', 'In Progress')] })
    const plan = transitions.plan(
      f,
      { 'SHOP-12': FROM_IN_PROGRESS },
      config({ onOpen: ' in  REVIEW ' })
    )
    expect(plan.actions).toMatchObject([{ transitionId: '31', to: 'In Review' }])
  })

  test('referenced issues never move, whatever their status', () => {
    const f = facts({
      event: merged,
      linked: [linked('SHOP-23', 'To Do', 'references'), linked('SHOP-12', 'In Progress')]
    })
    const plan = transitions.plan(
      f,
      { 'SHOP-12': FROM_IN_PROGRESS, 'SHOP-23': [t('21', 'Done')] },
      config()
    )
    expect(plan.actions).toMatchObject([{ issueKey: 'SHOP-12' }])
    expect(plan.actions).toHaveLength(1)
  })

  test('an issue already in the status is left alone: an action without a transition to write', () => {
    const f = facts({ event: merged, linked: [linked('SHOP-12', 'done')] })
    const plan = transitions.plan(f, {}, config())
    expect(plan.actions).toEqual([
      {
        type: 'jira.transition',
        rule: 'transitions',
        issueKey: 'SHOP-12',
        transitionId: null,
        from: 'done',
        to: 'done'
      }
    ])
    expect(plan.notes).toEqual([])
  })

  test('no transition reaches the status: a warning naming the issue, the status and what is reachable', () => {
    const f = facts({ event: merged, linked: [linked('SHOP-7', 'To Do')] })
    const plan = transitions.plan(f, { 'SHOP-7': [t('21', 'In Progress')] }, config())
    expect(plan.actions).toEqual([])
    expect(plan.notes).toHaveLength(1)
    expect(plan.notes[0]!.level).toBe('warning')
    expect(plan.notes[0]!.text).toContain('SHOP-7')
    expect(plan.notes[0]!.text).toContain('"Done"')
    expect(plan.notes[0]!.text).toContain('Reachable from here: In Progress.')
  })

  test('no transition at all (no permission, final status): still a warning, not a failure', () => {
    const f = facts({ event: merged, linked: [linked('SHOP-7', 'Closed')] })
    const plan = transitions.plan(f, { 'SHOP-7': [] }, config())
    expect(plan.notes[0]).toMatchObject({ level: 'warning' })
    expect(plan.notes[0]!.text).toBe(
      `SHOP-7 cannot move to "Done" from "Closed": Jira offers the action's account no transition from there: the status is final in its workflow, or the account lacks the 'Transition issues' permission in the project.`
    )
  })

  test('several resolved issues: each on its own; names from the workflow, not from config', () => {
    const f = facts({
      event: closed,
      linked: [linked('ABC-1', 'In Review'), linked('ABC-2', 'Backlog'), linked('ABC-3', 'To Do')]
    })
    const available: AvailableTransitions = {
      'ABC-1': [t('5', 'TO DO'), t('6', 'Done')],
      'ABC-2': [t('7', 'Selected')]
    }
    const plan = transitions.plan(f, available, config({ onClose: 'to do' }))
    expect(plan.actions).toMatchObject([
      { issueKey: 'ABC-1', transitionId: '5', to: 'TO DO' },
      { issueKey: 'ABC-3', transitionId: null }
    ])
    expect(plan.notes.map((n) => [n.level, n.text.slice(0, 5)])).toEqual([['warning', 'ABC-2']])
  })

  test('a workflow with two transitions to the status: the first Jira lists', () => {
    const f = facts({ event: merged, linked: [linked('OPS-1', 'Open')] })
    const plan = transitions.plan(f, { 'OPS-1': [t('2', 'Done'), t('9', 'Done')] }, config())
    expect(plan.actions).toMatchObject([{ transitionId: '2' }])
  })

  test('no linked issue: nothing to do', () => {
    expect(transitions.plan(facts({ event: merged }), {}, config())).toEqual({
      actions: [],
      notes: []
    })
  })
})

describe('transitions: a screen', () => {
  const screen = (allowed: string[], extra: ScreenField[] = []): ScreenField[] => [
    { key: 'resolution', name: 'Resolution', required: true, hasDefault: false, allowed },
    ...extra
  ]
  const to = (id: string, status: string, fields: ScreenField[]): Transition => ({
    id,
    name: `Go ${status}`,
    to: { name: status, category: 'done' },
    screen: fields
  })

  test('merged: the resolution is one that says the work is done', () => {
    const f = facts({ event: merged, linked: [linked('SHOP-12', 'In Review')] })
    const plan = transitions.plan(
      f,
      { 'SHOP-12': [to('41', 'Done', screen(["Won't Do", 'Fixed', 'Duplicate']))] },
      config()
    )
    expect(plan.actions).toEqual([
      {
        type: 'jira.transition',
        rule: 'transitions',
        issueKey: 'SHOP-12',
        transitionId: '41',
        from: 'In Review',
        to: 'Done',
        moment: 'on-merge',
        fill: { resolution: 'Fixed', ...RESOLUTIONS['on-merge'] }
      }
    ])
  })

  test('closed unmerged: a resolution that says the work was not done', () => {
    const f = facts({ event: closed, linked: [linked('SHOP-12', 'In Review')] })
    const plan = transitions.plan(
      f,
      { 'SHOP-12': [to('61', 'Closed', screen(['Done', 'Won’t Do', 'Duplicate']))] },
      config({ onClose: 'Closed' })
    )
    expect(plan.actions).toMatchObject([{ transitionId: '61', fill: { resolution: 'Won’t Do' } }])
  })

  test('fields the action cannot fill: planned anyway, the fields kept for the advice if Jira refuses', () => {
    const sprint = { key: 'customfield_10020', name: 'Sprint', required: true, hasDefault: false }
    const f = facts({ event: merged, linked: [linked('SHOP-12', 'In Review')] })
    const plan = transitions.plan(
      f,
      { 'SHOP-12': [to('41', 'Done', screen(['Duplicate'], [sprint]))] },
      config()
    )
    expect(plan.actions).toMatchObject([
      {
        transitionId: '41',
        fill: RESOLUTIONS['on-merge'],
        unfilled: { transition: 'Go Done', fields: screen(['Duplicate'], [sprint]) }
      }
    ])
    expect(plan.actions[0]).not.toHaveProperty('fill.resolution')
    expect(plan.notes).toEqual([])
  })

  test('an optional resolution it cannot fill: planned, kept for the warning that the issue ends unresolved', () => {
    const optional = { ...screen(['Duplicate'])[0]!, required: false }
    const f = facts({ event: merged, linked: [linked('SHOP-12', 'In Review')] })
    const plan = transitions.plan(f, { 'SHOP-12': [to('41', 'Done', [optional])] }, config())
    expect(plan.actions).toMatchObject([
      {
        transitionId: '41',
        fill: RESOLUTIONS['on-merge'],
        unresolved: { transition: 'Go Done', field: optional }
      }
    ])
    expect(plan.actions[0]).not.toHaveProperty('unfilled')
  })
})

describe('transitions: gather', () => {
  test('reads transitions of the resolved issues not yet in the status, in parallel', async () => {
    let inFlight = 0
    let most = 0
    const getTransitions = jest.fn(async (key: string, _reaching?: string) => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise((r) => setTimeout(r, 5))
      inFlight--
      return key === 'SHOP-12' ? FROM_IN_PROGRESS : []
    })
    const ports = { jira: { getTransitions }, github: {} } as unknown as Ports
    const f = facts({
      event: merged,
      linked: [
        linked('SHOP-12', 'In Progress'),
        linked('SHOP-13', 'To Do'),
        linked('SHOP-14', 'Done'),
        linked('SHOP-23', 'To Do', 'references')
      ]
    })
    const available = await transitions.gather!(ports, f, config())
    expect(getTransitions.mock.calls.map((c) => c[0]).sort()).toEqual(['SHOP-12', 'SHOP-13'])
    // The wanted status goes along: a cached list without a way there is read again.
    expect(getTransitions.mock.calls.map((c) => c[1])).toEqual(['Done', 'Done'])
    expect(most).toBe(2)
    expect(available['SHOP-12']).toEqual(FROM_IN_PROGRESS)
  })
})

test('a rerun of the opened run after the merge moves nothing back, and says why', () => {
  const opened = prEvent({ action: 'opened' })
  const nowMerged = prFacts({ state: 'closed', merged: true })
  const f = facts({ event: opened, pr: nowMerged, linked: [linked('SHOP-7', 'Done')] })
  const plan = transitions.plan(f, { 'SHOP-7': [] }, config())
  expect(plan.actions).toEqual([])
  expect(plan.notes).toEqual([
    {
      level: 'info',
      text: "The PR is closed now, unlike when this 'opened' event happened: no issue is moved on a rerun of it."
    }
  ])
})

describe('transitions: never back (forward.ts)', () => {
  const inStatus = (key: string, name: string, category: string): LinkedIssue => ({
    ...linked(key, name),
    issue: jiraIssue(key, { status: { name, category } })
  })
  const to = (id: string, name: string, category: string): Transition => ({
    id,
    name: `Go ${name}`,
    to: { name, category }
  })
  const opened = prEvent({ action: 'opened' })

  test('closed unmerged: an issue another PR finished stays done, nothing is read or written', async () => {
    const getTransitions = jest.fn(async () => [to('11', 'To Do', 'new')])
    const ports = { jira: { getTransitions }, github: {} } as unknown as Ports
    const f = facts({ event: closed, linked: [inStatus('SHOP-12', 'Done', 'done')] })
    const s = config({ onClose: 'To Do' })
    const available = await transitions.gather!(ports, f, s)
    expect(getTransitions).not.toHaveBeenCalled()
    const plan = transitions.plan(f, available, s)
    expect(plan.actions).toEqual([
      {
        type: 'jira.transition',
        rule: 'transitions',
        issueKey: 'SHOP-12',
        transitionId: null,
        from: 'Done',
        to: 'To Do',
        leftBecause:
          'it is done (another PR or a person finished it), and closing this PR unmerged does not undo that.'
      }
    ])
    expect(plan.notes).toEqual([])
  })

  test("closed unmerged with on-close Won't Do: a Done issue is not undone either", () => {
    const f = facts({ event: closed, linked: [inStatus('SHOP-12', 'Done', 'done')] })
    const plan = transitions.plan(
      f,
      { 'SHOP-12': [to('71', "Won't Do", 'done')] },
      config({ onClose: "Won't Do" })
    )
    expect(plan.actions).toMatchObject([{ transitionId: null, leftBecause: expect.any(String) }])
  })

  test('opened: a done issue stays, an issue In Review moves within its category as configured', () => {
    const f = facts({
      event: opened,
      linked: [
        inStatus('OPS-3', 'Done', 'done'),
        inStatus('SHOP-3', 'In Review', 'indeterminate'),
        inStatus('SHOP-1', 'To Do', 'new')
      ]
    })
    const inProgress = to('21', 'In Progress', 'indeterminate')
    const plan = transitions.plan(
      f,
      { 'OPS-3': [inProgress], 'SHOP-3': [inProgress], 'SHOP-1': [inProgress] },
      config({ onOpen: 'In Progress' })
    )
    expect(plan.actions).toMatchObject([
      {
        issueKey: 'OPS-3',
        transitionId: null,
        from: 'Done',
        leftBecause:
          'it is done (another PR or a person finished it), and the action does not move a done issue back. To work on it again, reopen it in Jira.'
      },
      { issueKey: 'SHOP-3', transitionId: '21', from: 'In Review', to: 'In Progress' },
      { issueKey: 'SHOP-1', transitionId: '21', from: 'To Do', to: 'In Progress' }
    ])
  })

  test('merged: an issue done in another status (Closed) is not moved to Done', () => {
    const f = facts({ event: merged, linked: [inStatus('SHOP-12', 'Closed', 'done')] })
    const plan = transitions.plan(f, { 'SHOP-12': [to('41', 'Done', 'done')] }, config())
    expect(plan.actions).toMatchObject([{ transitionId: null, from: 'Closed', to: 'Done' }])
  })

  test('opened: a move to an earlier category is left out and says why', () => {
    const f = facts({ event: opened, linked: [inStatus('SHOP-5', 'In Progress', 'indeterminate')] })
    const plan = transitions.plan(
      f,
      { 'SHOP-5': [to('11', 'To Do', 'new')] },
      config({ onOpen: 'To Do' })
    )
    expect(plan.actions).toMatchObject([
      {
        transitionId: null,
        from: 'In Progress',
        to: 'To Do',
        leftBecause:
          'that status is of an earlier category (To Do, before In Progress), and the action does not move issues back.'
      }
    ])
  })

  test('closed unmerged: going back to To Do is what on-close is for', () => {
    const f = facts({ event: closed, linked: [inStatus('SHOP-5', 'In Review', 'indeterminate')] })
    const plan = transitions.plan(
      f,
      { 'SHOP-5': [to('11', 'To Do', 'new')] },
      config({ onClose: 'To Do' })
    )
    expect(plan.actions).toMatchObject([{ transitionId: '11', to: 'To Do' }])
  })

  test('a status category Jira did not give: moved as configured', () => {
    const f = facts({ event: opened, linked: [inStatus('OPS-3', 'Done', 'undefined')] })
    const plan = transitions.plan(
      f,
      { 'OPS-3': [t('21', 'In Progress')] },
      config({ onOpen: 'In Progress' })
    )
    expect(plan.actions).toMatchObject([{ transitionId: '21', to: 'In Progress' }])
  })
})

describe('transitions: an issue the PR comes to resolve after it opened', () => {
  const edited = prEvent({ action: 'edited' })
  const shop8 = linked('SHOP-8', 'In Progress')
  const stateWith = (resolved: string[] | undefined, links: string[] = resolved ?? []) => ({
    v: 1 as const,
    links: links.map((key) => ({ key, via: 'explicit' as const })),
    ...(resolved ? { resolved } : {})
  })

  test.each(['edited', 'synchronize', 'checkbox'])(
    '%s on an open PR: the rule acts, when on-open names a status',
    (action) => {
      expect(transitions.appliesTo(prEvent({ action }), config())).toBe(true)
      expect(transitions.appliesTo(prEvent({ action }), config({ onOpen: null }))).toBe(false)
      expect(transitions.appliesTo(prEvent({ action, draft: true }), config())).toBe(false)
      expect(transitions.appliesTo(prEvent({ action, closed: true }), config())).toBe(false)
    }
  )

  test('a key added to the title: the issue gets the on-open move it missed', async () => {
    const getTransitions = jest.fn(async () => FROM_IN_PROGRESS)
    const ports = { jira: { getTransitions }, github: {} } as unknown as Ports
    const f = facts({ event: edited, linked: [shop8], previous: stateWith([]) })
    const available = await transitions.gather!(ports, f, config())
    expect(getTransitions.mock.calls).toEqual([['SHOP-8', 'In Review']])
    expect(transitions.plan(f, available, config()).actions).toMatchObject([
      { issueKey: 'SHOP-8', transitionId: '31', to: 'In Review', moment: 'on-open' }
    ])
  })

  test('a key the PR referenced and now resolves moves too', () => {
    const f = facts({ event: edited, linked: [shop8], previous: stateWith([], ['SHOP-8']) })
    const plan = transitions.plan(f, { 'SHOP-8': FROM_IN_PROGRESS }, config())
    expect(plan.actions).toMatchObject([{ issueKey: 'SHOP-8', transitionId: '31' }])
  })

  test('issues the PR resolved on the previous run are not moved again, nor mentioned', () => {
    const f = facts({
      event: prEvent({ action: 'synchronize' }),
      linked: [linked('SHOP-7', 'In Progress'), shop8],
      previous: stateWith(['SHOP-7'])
    })
    const plan = transitions.plan(f, { 'SHOP-8': FROM_IN_PROGRESS }, config())
    expect(plan.actions).toMatchObject([{ issueKey: 'SHOP-8' }])
    expect(plan.actions).toHaveLength(1)
    expect(plan.notes).toEqual([])
  })

  test('a state from an earlier version (no record of resolved keys): its linked keys count as resolved', () => {
    const f = facts({ event: edited, linked: [shop8], previous: stateWith(undefined, ['SHOP-8']) })
    expect(transitions.plan(f, { 'SHOP-8': FROM_IN_PROGRESS }, config())).toEqual({
      actions: [],
      notes: []
    })
  })

  test('no earlier state to compare with (the PR comment deleted): nothing is known to be new, nothing moves', async () => {
    const getTransitions = jest.fn(async () => FROM_IN_PROGRESS)
    const ports = { jira: { getTransitions }, github: {} } as unknown as Ports
    const f = facts({ event: edited, linked: [shop8], noEarlierState: true })
    const available = await transitions.gather!(ports, f, config())
    expect(getTransitions).not.toHaveBeenCalled()
    expect(transitions.plan(f, available, config())).toEqual({ actions: [], notes: [] })
  })

  test('more than 100 resolved keys: those past the 100 a state keeps are not taken for new on every push', async () => {
    const keys = Array.from({ length: 120 }, (_, n) => `SHOP-${n + 1}`)
    const previous = parseState(writeState(stateWith(keys)))!
    const getTransitions = jest.fn(async () => FROM_IN_PROGRESS)
    const ports = { jira: { getTransitions }, github: {} } as unknown as Ports
    const f = facts({
      event: prEvent({ action: 'synchronize' }),
      linked: keys.map((key) => linked(key, 'In Progress')),
      previous
    })
    await transitions.gather!(ports, f, config())
    expect(getTransitions).not.toHaveBeenCalled()
  })

  test('a draft, or a closed PR, moves nothing on an edit', () => {
    for (const event of [
      prEvent({ action: 'edited', draft: true }),
      prEvent({ action: 'edited', closed: true })
    ]) {
      const f = facts({ event, linked: [shop8], previous: stateWith([]) })
      expect(transitions.plan(f, { 'SHOP-8': FROM_IN_PROGRESS }, config()).actions).toEqual([])
    }
  })
})

describe('transitions: a PR reopened after its close moved its issues to a done status', () => {
  const reopened = prEvent({ action: 'reopened' })
  const done = (key: string, name = 'Done'): LinkedIssue => ({
    ...linked(key, name),
    issue: jiraIssue(key, { status: { name, category: 'done' } })
  })
  const toReview: Transition = {
    id: '31',
    name: 'Review',
    to: { name: 'In Review', category: 'indeterminate' }
  }
  const closedByThisPr = { v: 1 as const, links: [], moved: { 'SHOP-4': 'on-close' as const } }
  const s = config({ onClose: 'Done' })

  test('the issues it closed itself are taken back up', async () => {
    const getTransitions = jest.fn(async () => [toReview])
    const ports = { jira: { getTransitions }, github: {} } as unknown as Ports
    const f = facts({
      event: reopened,
      linked: [done('SHOP-4'), done('SHOP-12')],
      previous: closedByThisPr
    })
    const available = await transitions.gather!(ports, f, s)
    expect(getTransitions.mock.calls).toEqual([['SHOP-4', 'In Review']])
    expect(transitions.plan(f, available, s).actions).toMatchObject([
      { issueKey: 'SHOP-4', transitionId: '31', from: 'Done', to: 'In Review', moment: 'on-open' },
      {
        issueKey: 'SHOP-12',
        transitionId: null,
        leftBecause: expect.stringContaining('reopen it in Jira')
      }
    ])
  })

  test('no way back in its workflow: it stays, and the line says to reopen it in Jira, no warning', () => {
    const f = facts({ event: reopened, linked: [done('SHOP-4')], previous: closedByThisPr })
    const plan = transitions.plan(f, { 'SHOP-4': [t('11', 'To Do')] }, s)
    expect(plan.actions).toMatchObject([
      {
        transitionId: null,
        from: 'Done',
        to: 'In Review',
        leftBecause:
          "this PR's close moved it there, and its workflow offers the action no transition from there to that status. To work on it again, reopen it in Jira."
      }
    ])
    expect(plan.notes).toEqual([])
  })

  test('moved since (no longer in the on-close status): someone else closed it, it stays', () => {
    const f = facts({
      event: reopened,
      linked: [done('SHOP-4', 'Closed')],
      previous: closedByThisPr
    })
    const plan = transitions.plan(f, { 'SHOP-4': [toReview] }, s)
    expect(plan.actions).toMatchObject([{ transitionId: null, from: 'Closed' }])
  })

  test("merged after a reopen that moved nothing (on-open null): the issue its close put in Won't Do moves to Done", async () => {
    const wontDo = config({ onOpen: null, onClose: "Won't Do" })
    const getTransitions = jest.fn(async () => [t('41', 'Done')])
    const ports = { jira: { getTransitions }, github: {} } as unknown as Ports
    const f = facts({
      event: merged,
      linked: [done('SHOP-4', "Won't Do"), done('SHOP-12', "Won't Do")],
      previous: closedByThisPr
    })
    const available = await transitions.gather!(ports, f, wontDo)
    expect(getTransitions.mock.calls).toEqual([['SHOP-4', 'Done']])
    expect(transitions.plan(f, available, wontDo).actions).toMatchObject([
      { issueKey: 'SHOP-4', transitionId: '41', from: "Won't Do", to: 'Done', moment: 'on-merge' },
      {
        issueKey: 'SHOP-12',
        transitionId: null,
        leftBecause: expect.stringContaining('done already')
      }
    ])
  })

  test('closed again: the on-close status is where it is, nothing moves', () => {
    const f = facts({ event: closed, linked: [done('SHOP-4')], previous: closedByThisPr })
    const plan = transitions.plan(f, {}, s)
    expect(plan.actions).toMatchObject([{ issueKey: 'SHOP-4', transitionId: null, to: 'Done' }])
  })
})
