/**
 * A PR by someone outside the repository moves no issue before its merge: the plan has no move,
 * the gather reads no transitions, and one note says which issues stayed and why.
 */
import { jest } from '@jest/globals'
import type { Settings } from '../../../../src/config/settings.js'
import type { Transition } from '../../../../src/jira/port.js'
import { trustOf } from '../../../../src/rules/author-trust.js'
import type { LinkedIssue } from '../../../../src/rules/linked-issue.js'
import { transitions } from '../../../../src/rules/transitions/index.js'
import type { Facts, Ports } from '../../../../src/rules/types.js'
import { facts, jiraIssue, prEvent, settings } from '../../../helpers/facts.js'

function config(overrides: Partial<Settings['rules']['transitions']> = {}): Settings {
  const s = settings()
  s.rules.transitions = {
    enabled: true,
    onOpen: 'In Review',
    onMerge: 'Done',
    onClose: 'To Do',
    ...overrides
  }
  return s
}

function linked(key: string, status: string, category = 'indeterminate'): LinkedIssue {
  return {
    issue: jiraIssue(key, { status: { name: status, category } }),
    strength: 'resolves',
    via: 'explicit',
    sources: ['title']
  }
}

const t = (id: string, to: string): Transition => ({ id, name: `Go ${to}`, to: { name: to } })
const OFFERED = [t('11', 'To Do'), t('31', 'In Review'), t('41', 'Done')]

const OUTSIDER = trustOf({ login: 'outsider', type: 'User' }, 'CONTRIBUTOR')
const WHY = '@outsider is not a collaborator of acme/shop (author association CONTRIBUTOR)'

function outsiderFacts(event: Facts['event'], issues: LinkedIssue[], more: Partial<Facts> = {}) {
  return facts({ event, author: OUTSIDER, linked: issues, ...more })
}

async function run(f: Facts, s = config()) {
  const getTransitions = jest.fn(async () => OFFERED)
  const ports = { jira: { getTransitions }, github: {} } as unknown as Ports
  const available = await transitions.gather!(ports, f, s)
  return { plan: transitions.plan(f, available, s), reads: getTransitions.mock.calls.length }
}

describe('an outsider’s PR: nothing moves before the merge', () => {
  test.each(['opened', 'reopened', 'ready_for_review'])(
    '%s: no move, no read, one note for every issue that would have moved',
    async (action) => {
      const f = outsiderFacts(prEvent({ action }), [
        linked('SHOP-1', 'In Progress'),
        linked('SHOP-2', 'To Do', 'new'),
        linked('SHOP-3', 'In Review'), // already there: would not have moved
        linked('SHOP-4', 'Done', 'done') // done: would not have moved
      ])
      const { plan, reads } = await run(f)
      expect(reads).toBe(0)
      expect(plan.actions).toEqual([])
      expect(plan.notes).toEqual([
        {
          level: 'info',
          text: `SHOP-1, SHOP-2 were not moved to In Review: ${WHY}; the merge moves them to Done.`
        }
      ])
    }
  )

  test('one issue, and no on-merge status: the note says only the merge moves such a PR’s issues', async () => {
    const f = outsiderFacts(prEvent(), [linked('SHOP-12', 'In Progress')])
    const { plan } = await run(f, config({ onMerge: null }))
    expect(plan.notes.map((n) => n.text)).toEqual([
      `SHOP-12 was not moved to In Review: ${WHY}; only the merge of such a PR moves issues.`
    ])
  })

  test('closed unmerged: on-close moves nothing back', async () => {
    const closed = prEvent({ action: 'closed', closed: true, merged: false })
    const f = outsiderFacts(closed, [linked('SHOP-12', 'In Review')])
    const { plan, reads } = await run(f)
    expect([reads, plan.actions]).toEqual([0, []])
    expect(plan.notes.map((n) => n.text)).toEqual([
      `SHOP-12 was not moved to To Do: ${WHY}; only the merge of such a PR moves issues.`
    ])
  })

  test('a key added by an edit: the on-open move it missed is not made', async () => {
    const edited = prEvent({ action: 'edited' })
    const f = outsiderFacts(edited, [linked('SHOP-31', 'In Progress')])
    const { plan, reads } = await run(f)
    expect([reads, plan.actions]).toEqual([0, []])
    expect(plan.notes.map((n) => n.text)).toEqual([
      `SHOP-31 was not moved to In Review: ${WHY}; the merge moves it to Done.`
    ])
  })

  test('thirty keys: the note names ten, then how many more', async () => {
    const issues = Array.from({ length: 30 }, (_, i) => linked(`SHOP-${i + 1}`, 'In Progress'))
    const { plan } = await run(outsiderFacts(prEvent(), issues))
    expect(plan.notes).toHaveLength(1)
    expect(plan.notes[0]!.text).toMatch(
      /^SHOP-1, SHOP-2, SHOP-3, SHOP-4, SHOP-5, SHOP-6, SHOP-7, SHOP-8, SHOP-9, SHOP-10 and 20 more were not moved to In Review: /
    )
  })

  test('merged (a maintainer’s act): the issues move as for anyone', async () => {
    const merged = prEvent({ action: 'closed', closed: true, merged: true })
    const f = outsiderFacts(merged, [linked('SHOP-12', 'In Progress')])
    const { plan, reads } = await run(f)
    expect(reads).toBe(1)
    expect(plan.actions).toMatchObject([{ issueKey: 'SHOP-12', transitionId: '41', to: 'Done' }])
    expect(plan.notes).toEqual([])
  })
})

test('a collaborator’s PR (or a private member with write access) moves on open as before', async () => {
  for (const author of [
    trustOf({ login: 'ana', type: 'User' }, 'COLLABORATOR'),
    trustOf({ login: 'quiet', type: 'User' }, 'CONTRIBUTOR', 'write')
  ]) {
    const f = facts({ event: prEvent(), author, linked: [linked('SHOP-12', 'In Progress')] })
    const { plan } = await run(f)
    expect(plan.actions).toMatchObject([{ issueKey: 'SHOP-12', transitionId: '31' }])
    expect(plan.notes).toEqual([])
  }
})
