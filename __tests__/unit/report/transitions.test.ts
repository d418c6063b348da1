import type { Action, AppliedAction } from '../../../src/plan/actions.js'
import {
  earlierMovesOf,
  screenAdvice,
  statusesAfter,
  transitionsBlock,
  withMoves
} from '../../../src/report/transitions.js'
import type { LinkedIssue } from '../../../src/rules/linked-issue.js'
import { jiraIssue } from '../../helpers/facts.js'

const move = (key: string, id: string | null, from: string, to: string): Action => ({
  type: 'jira.transition',
  rule: 'transitions',
  issueKey: key,
  transitionId: id,
  from,
  to
})

describe('the Jira status section of the PR comment', () => {
  test('moves and "already there" read the same; refusals are warnings with Jira’s words', () => {
    const applied: AppliedAction[] = [
      { action: move('SHOP-12', '41', 'In Progress', 'Done'), status: 'done' },
      { action: move('SHOP-13', null, 'Done', 'Done'), status: 'done' },
      {
        action: move('SHOP-14', '41', 'In Progress', 'Done'),
        status: 'warned',
        warning: 'resolution: Resolution is required.'
      },
      { action: move('SHOP-15', '41', 'In Progress', 'Done'), status: 'failed', error: 'x' }
    ]
    expect(transitionsBlock({ applied })).toBe(
      [
        '**Jira status**',
        '- SHOP-12 → **Done**',
        '- SHOP-13 → **Done**',
        '- ⚠️ SHOP-14 stays in In Progress: Jira refused the move to Done: resolution: Resolution is required.',
        '- SHOP-15: the move to Done failed (see below)'
      ].join('\n')
    )
  })

  describe('a refusal by a screen the action could not fill', () => {
    const sprint = { key: 'customfield_10020', name: 'Sprint', required: true, hasDefault: false }
    const resolution = {
      key: 'resolution',
      name: 'Resolution',
      required: true,
      hasDefault: false,
      allowed: ['Duplicate', 'Cannot Reproduce']
    }
    const planned = move('SHOP-14', '41', 'In Review', 'Done') as Extract<
      Action,
      { type: 'jira.transition' }
    >
    const action: Action = { ...planned, fill: { prefer: ['Done', 'Fixed'] } }
    const refused = (
      warning: string,
      fields: string[],
      unfilled: (typeof resolution | typeof sprint)[]
    ): AppliedAction => ({
      action,
      status: 'warned',
      warning,
      refusal: { fields, unfilled: { transition: 'Resolve issue', fields: unfilled } }
    })

    test('the fields the refusal names get advice, in full after Jira’s words', () => {
      const long = `customfield_10020: Sprint is required. ${'x'.repeat(400)}`
      const applied = refused(long, ['customfield_10020'], [sprint, resolution])
      const line = transitionsBlock({ applied: [applied] })
      expect(line).toContain(`${'x'.repeat(200)}…`) // Jira's words cut at 300
      expect(line).toContain(
        "… The screen of the 'Resolve issue' transition requires 'Sprint', which the action does not fill: give it a default value or take it off that screen in the workflow, or name another status in the config file."
      )
      expect(screenAdvice(applied)).not.toContain('Resolution')
    })

    test('a resolution none of whose values the action takes: the values, and no advice to remove it', () => {
      const applied = refused('resolution: Resolution is required.', ['resolution'], [resolution])
      expect(screenAdvice(applied)).toBe(
        "The 'Resolve issue' screen requires a Resolution and offers none of Done, Fixed (it offers Duplicate, Cannot Reproduce): add one of those resolutions, or give the field a default value."
      )
    })

    test('a refusal that names none of them (a validator, a condition): Jira’s words only', () => {
      const applied = refused('Only the assignee may close the issue.', [], [sprint])
      expect(screenAdvice(applied)).toBe('')
      expect(transitionsBlock({ applied: [applied] })).toBe(
        '**Jira status**\n- ⚠️ SHOP-14 stays in In Review: Jira refused the move to Done: Only the assignee may close the issue.'
      )
    })

    test('a dry run says what the screen will refuse', () => {
      const would: AppliedAction = {
        action: { ...action, unfilled: { transition: 'Resolve issue', fields: [sprint] } },
        status: 'would'
      }
      expect(transitionsBlock({ applied: [would] })).toBe(
        "**Jira status**\n- SHOP-14: would move In Review → Done (dry run; Jira would likely refuse: The screen of the 'Resolve issue' transition requires 'Sprint', which the action does not fill: give it a default value or take it off that screen in the workflow, or name another status in the config file.)"
      )
    })

    test('a workflow changed since the list was read: where the issue can go now', () => {
      const gone: AppliedAction = {
        action,
        status: 'warned',
        warning: "Transition id '41' is not valid for this issue.",
        refusal: {
          fields: [],
          offered: [
            { id: '11', name: 'Back', to: { name: 'To Do' } },
            { id: '21', name: 'Start', to: { name: 'In Progress' } }
          ]
        }
      }
      // Worded as the plan words it when the list it reads already says so (a rerun).
      expect(transitionsBlock({ applied: [gone] })).toBe(
        '**Jira status**\n- ⚠️ SHOP-14 cannot move to "Done" from "In Review": no transition of its workflow leads there. Reachable from here: To Do, In Progress.'
      )
      const none = { ...gone, refusal: { fields: [], offered: [] } }
      expect(transitionsBlock({ applied: [none] })).toContain(
        "Jira offers the action's account no transition from there"
      )
    })
  })

  test('dry run; no transition at all: no section', () => {
    expect(
      transitionsBlock({
        applied: [{ action: move('A-1', '2', 'To Do', 'In Review'), status: 'would' }]
      })
    ).toBe('**Jira status**\n- A-1: would move To Do → In Review (dry run)')
    expect(transitionsBlock({ applied: [] })).toBe('')
  })

  test('status names from Jira are escaped', () => {
    const applied: AppliedAction[] = [
      { action: move('A-1', '2', 'x', '<b>@team</b>'), status: 'done' }
    ]
    expect(transitionsBlock({ applied })).not.toContain('<b>')
    expect(transitionsBlock({ applied })).not.toContain('@team')
  })

  test('the linked-issues table shows the status after this run’s moves', () => {
    const linked: LinkedIssue[] = [
      { issue: jiraIssue('SHOP-12'), strength: 'resolves', via: 'explicit', sources: ['title'] },
      { issue: jiraIssue('SHOP-13'), strength: 'resolves', via: 'explicit', sources: ['title'] }
    ]
    const after = statusesAfter(linked, [
      { action: move('SHOP-12', '41', 'In Progress', 'Done'), status: 'done' },
      { action: move('SHOP-13', '41', 'In Progress', 'Done'), status: 'warned', warning: 'no' }
    ])
    expect(after.map((l) => l.issue.status.name)).toEqual(['Done', 'In Progress'])
    expect(linked[0]!.issue.status.name).toBe('In Progress') // not mutated
  })
})

test('an issue left where it is rather than moved back: a plain line that says why', () => {
  const action: Action = {
    ...(move('SHOP-12', null, 'Done', 'To Do') as Extract<Action, { type: 'jira.transition' }>),
    leftBecause:
      'it is done (another PR or a person finished it), and closing this PR unmerged does not undo that.'
  }
  expect(transitionsBlock({ applied: [{ action, status: 'done' }] })).toBe(
    [
      '**Jira status**',
      '- SHOP-12 stays in **Done**, not moved to To Do: it is done (another PR or a person finished it), and closing this PR unmerged does not undo that.'
    ].join('\n')
  )
})

describe('moves of earlier runs', () => {
  const transitionsOn = { enabled: true, onOpen: 'In Review', onMerge: 'Done', onClose: null }
  const resolving = (key: string, status: string, strength: LinkedIssue['strength'] = 'resolves') =>
    ({
      issue: jiraIssue(key, { status: { name: status, category: 'indeterminate' } }),
      strength,
      via: 'explicit',
      sources: ['title']
    }) satisfies LinkedIssue

  test('a later event shows where the issues the action moved stand now, no move claimed', () => {
    // The PR is a draft now: it stands at no moment.
    const earlierMoves = earlierMovesOf(
      [
        resolving('SHOP-12', 'In Review'),
        resolving('SHOP-13', 'In Progress'),
        resolving('SHOP-14', 'To Do', 'references'),
        resolving('SHOP-15', 'In Progress')
      ],
      [{ action: move('SHOP-15', '31', 'In Progress', 'In Review'), status: 'done' }],
      { 'SHOP-12': 'on-open', 'SHOP-13': 'on-open', 'SHOP-14': 'on-open', 'SHOP-15': 'on-open' },
      transitionsOn,
      null
    )
    expect(transitionsBlock({ applied: [], earlierMoves })).toBe(
      [
        '**Jira status**',
        '- SHOP-12 is in **In Review** (moved there on an earlier run)',
        '- SHOP-13 is in **In Progress** (moved to In Review on an earlier run)'
      ].join('\n')
    )
  })

  test('the PR still at the moment of the move, and the issue still there: the line the move wrote, in the order of the linked issues', () => {
    const linked = [
      resolving('SHOP-12', 'In Review'),
      resolving('SHOP-13', 'In Progress'),
      resolving('SHOP-15', 'In Progress')
    ]
    const moved = { 'SHOP-12': 'on-open', 'SHOP-13': 'on-open' } as const
    const applied: AppliedAction[] = [
      { action: move('SHOP-15', '31', 'In Progress', 'In Review'), status: 'done' },
      { action: move('SHOP-12', '31', 'In Progress', 'In Review'), status: 'done' }
    ]
    const earlierMoves = earlierMovesOf(
      linked,
      applied.slice(0, 1),
      moved,
      transitionsOn,
      'on-open'
    )
    expect(transitionsBlock({ applied: applied.slice(0, 1), earlierMoves, linked })).toBe(
      [
        '**Jira status**',
        '- SHOP-12 → **In Review**',
        '- SHOP-13 is in **In Progress** (moved to In Review on an earlier run)',
        '- SHOP-15 → **In Review**'
      ].join('\n')
    )
  })

  test('none when the rule is off, or the config no longer names a status for that moment', () => {
    const linked = [resolving('SHOP-12', 'Done')]
    const moved = { 'SHOP-12': 'on-close' as const }
    expect(earlierMovesOf(linked, [], moved, transitionsOn, 'on-close')).toEqual([])
    expect(
      earlierMovesOf(
        linked,
        [],
        moved,
        { ...transitionsOn, onClose: 'Done', enabled: false },
        'on-close'
      )
    ).toEqual([])
  })

  test('the state remembers the moves made, at their moment, while the PR links the issue', () => {
    const made = (key: string, moment: 'on-open' | 'on-merge'): Action => ({
      ...(move(key, '41', 'In Review', 'Done') as Extract<Action, { type: 'jira.transition' }>),
      moment
    })
    const state = withMoves(
      {
        v: 1,
        links: ['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-4'].map((key) => ({
          key,
          via: 'explicit' as const
        }))
      },
      [
        { action: made('SHOP-1', 'on-merge'), status: 'done' },
        { action: made('SHOP-2', 'on-merge'), status: 'warned', warning: 'refused' },
        { action: made('SHOP-3', 'on-merge'), status: 'would' },
        { action: move('SHOP-4', null, 'Done', 'Done'), status: 'done' }
      ],
      { v: 1, links: [], moved: { 'SHOP-1': 'on-open', 'SHOP-2': 'on-open', 'SHOP-9': 'on-open' } }
    )
    expect(state.moved).toEqual({ 'SHOP-1': 'on-merge', 'SHOP-2': 'on-open' })
  })

  test('an issue found already there counts as moved at the moment the PR stands at, not at the close', () => {
    // A rerun after a run whose move was made but whose PR comment failed ends as one run would.
    const state = (standing: 'on-open' | 'on-close') =>
      withMoves(
        { v: 1, links: [{ key: 'SHOP-1', via: 'explicit' as const }] },
        [{ action: move('SHOP-1', null, 'In Review', 'In Review'), status: 'done' }],
        { v: 1, links: [] },
        standing
      ).moved
    expect(state('on-open')).toEqual({ 'SHOP-1': 'on-open' })
    expect(state('on-close')).toBeUndefined()
  })

  test('the state keeps the last 100 moves, as its reader does', () => {
    const keys = Array.from({ length: 120 }, (_, i) => `SHOP-${i + 1}`)
    const state = withMoves(
      { v: 1, links: keys.map((key) => ({ key, via: 'explicit' as const })) },
      [],
      { v: 1, links: [], moved: Object.fromEntries(keys.map((key) => [key, 'on-open' as const])) }
    )
    expect(Object.keys(state.moved ?? {})).toEqual(keys.slice(20))
  })
})
