import type { JiraUser } from '../../../../src/jira/port.js'
import type { Resolution } from '../../../../src/rules/suggest-reviewers/mapping.js'
import type { RankedPerson } from '../../../../src/rules/suggest-reviewers/people.js'
import {
  prPeople,
  screen,
  selectReviewers,
  type Gathered,
  type PrPeople
} from '../../../../src/rules/suggest-reviewers/select.js'
import { prFacts } from '../../../helpers/facts.js'

const person = (id: string, score: number, issueKey = 'ABC-12'): RankedPerson => ({
  user: { id, displayName: `Name of ${id}` } as JiraUser,
  score,
  ties: [{ role: 'watcher', issueKey }]
})

const mapped = (login: string): Resolution => ({ login, via: 'users table' })

const PR: PrPeople = {
  author: 'benok',
  requested: [],
  reviewed: [],
  byAction: [],
  server: 'https://github.com'
}

function gathered(
  rows: [id: string, resolution: Resolution, permission?: 'admin' | 'write' | 'read' | 'none'][]
): Gathered {
  const g: Gathered = { people: [], unranked: 0, resolved: {}, access: {} }
  rows.forEach(([id, resolution, permission], i) => {
    g.people.push(person(id, rows.length - i))
    g.resolved[id] = resolution
    if (resolution.login !== null && permission) g.access[resolution.login] = permission
  })
  return g
}

const comment = { mode: 'comment' as const, max: 3 }

describe('screen', () => {
  test('the author, bots, reviewers, and requests made by others are left out', () => {
    const pr = {
      ...PR,
      requested: ['dana-k', 'eliromero'],
      reviewed: ['chenwei'],
      byAction: ['eliromero']
    }
    expect(screen('BenOk', pr)).toBe('author')
    expect(screen('renovate[bot]', pr)).toBe('bot')
    expect(screen('chenwei', pr)).toBe('reviewed')
    expect(screen('dana-k', pr)).toBe('requested')
    expect(screen('eliromero', pr)).toBe('pending')
    expect(screen('ana-lima', pr)).toBe('open')
  })

  test('requested by the action before and no longer requested: removed by someone', () => {
    expect(screen('eliromero', { ...PR, byAction: ['eliromero'] })).toBe('removed')
  })
})

describe('selectReviewers', () => {
  test('the author watching their own issue is not suggested', () => {
    const plan = selectReviewers(
      gathered([
        ['u-ben', mapped('benok'), 'write'],
        ['u-ana', mapped('ana-lima'), 'admin']
      ]),
      PR,
      comment
    )
    expect(plan.suggested.map((s) => s.login)).toEqual(['ana-lima'])
  })

  test('a login without access is left out and said so; an unknown access was never looked up', () => {
    const g = gathered([
      ['u-fay', mapped('fay-n'), 'none'],
      ['u-gus', mapped('gus-ops'), 'read'],
      ['u-zed', mapped('zed')]
    ])
    const plan = selectReviewers(g, PR, comment)
    expect(plan.suggested.map((s) => s.login)).toEqual(['gus-ops'])
    expect(plan.noAccess).toEqual([{ login: 'fay-n', name: 'Name of u-fay' }])
  })

  test('people without a login are listed with their ties and whether Jira hides the email', () => {
    const plan = selectReviewers(
      gathered([['u-fay', { login: null, emailHidden: true }]]),
      PR,
      comment
    )
    expect(plan.unmapped).toEqual([
      {
        id: 'u-fay',
        name: 'Name of u-fay',
        ties: [{ role: 'watcher', issueKey: 'ABC-12' }],
        emailHidden: true
      }
    ])
  })

  test('people ranked below those looked up, or beyond them, are counted as not looked up', () => {
    const g = gathered([['u-fay', { login: null, emailHidden: true }]])
    g.people.push(person('u-gil', 0.5), person('u-hal', 0.4))
    g.unranked = 3
    expect(selectReviewers(g, PR, comment).notLookedUp).toBe(5)
  })

  test('at most `max`, best first, with a profile link', () => {
    const g = gathered([
      ['u-a', mapped('a1'), 'write'],
      ['u-b', mapped('b1'), 'write'],
      ['u-c', mapped('c1'), 'write']
    ])
    const plan = selectReviewers(g, PR, { mode: 'comment', max: 2 })
    expect(plan.suggested.map((s) => [s.login, s.url])).toEqual([
      ['a1', 'https://github.com/a1'],
      ['b1', 'https://github.com/b1']
    ])
  })

  test("the action's pending requests keep their places; removed ones are listed, not suggested", () => {
    const g = gathered([
      ['u-a', mapped('a1'), 'write'],
      ['u-b', mapped('b1'), 'write'],
      ['u-c', mapped('c1')],
      ['u-d', mapped('d1')]
    ])
    const pr = { ...PR, requested: ['c1'], byAction: ['c1', 'd1'] }
    const plan = selectReviewers(g, pr, { mode: 'request', max: 2 })
    expect(plan.suggested.map((s) => [s.login, s.requestedEarlier])).toEqual([
      ['c1', true],
      ['a1', false]
    ])
    expect(plan.removed).toEqual(['d1'])
  })

  test('two Jira accounts of one GitHub login: one suggestion with both reasons', () => {
    const g = gathered([
      ['u-eli', mapped('eliromero'), 'write'],
      ['u-eli-2', mapped('EliRomero'), 'write']
    ])
    g.people[1]!.ties = [{ role: 'reporter', issueKey: 'ABC-7' }]
    const plan = selectReviewers(g, PR, comment)
    expect(plan.suggested).toHaveLength(1)
    expect(plan.suggested[0]!.ties).toEqual([
      { role: 'watcher', issueKey: 'ABC-12' },
      { role: 'reporter', issueKey: 'ABC-7' }
    ])
  })
})

test('prPeople reads the PR: author, requested, submitted reviews (not pending ones)', () => {
  const facts = prFacts(
    {
      author: { login: 'benok' },
      requestedReviewers: ['dana-k'],
      htmlUrl: 'https://ghe.example/a/b/pull/1'
    },
    {
      reviews: [
        { id: 1, user: 'chenwei', state: 'APPROVED' },
        { id: 2, user: 'gus-ops', state: 'PENDING' }
      ]
    }
  )
  expect(prPeople(facts, ['x'])).toEqual({
    author: 'benok',
    requested: ['dana-k'],
    reviewed: ['chenwei'],
    byAction: ['x'],
    server: 'https://ghe.example'
  })
})
