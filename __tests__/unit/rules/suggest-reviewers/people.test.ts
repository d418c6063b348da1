import type { JiraUser } from '../../../../src/jira/port.js'
import { describeTies, rankPeople } from '../../../../src/rules/suggest-reviewers/people.js'

const WEIGHTS = { watchers: 1, reporter: 2, assignee: 1 }

const user = (id: string, extra: Partial<JiraUser> = {}): JiraUser => ({
  id,
  displayName: id.replace(/^u-/, '').toUpperCase(),
  ...extra
})

const ELI = user('u-eli', { email: 'eli@acme.test' })
const CHEN = user('u-chen')
const ANA = user('u-ana')

describe('rankPeople', () => {
  test('weights roles by `sources`; a person counts once per issue, with their strongest role', () => {
    const ranked = rankPeople(
      [{ key: 'ABC-12', reporter: ELI, assignee: CHEN, watchers: [ELI, CHEN, ANA] }],
      WEIGHTS
    )
    expect(ranked.map((p) => [p.user.id, p.score])).toEqual([
      ['u-eli', 2],
      ['u-ana', 1],
      ['u-chen', 1]
    ])
    expect(ranked[0]!.ties).toEqual([
      { role: 'reporter', issueKey: 'ABC-12' },
      { role: 'watcher', issueKey: 'ABC-12' }
    ])
  })

  test('the same person on more linked issues ranks higher, once per person', () => {
    const ranked = rankPeople(
      [
        { key: 'ABC-7', watchers: [CHEN, ANA] },
        { key: 'ABC-12', watchers: [CHEN] },
        { key: 'ABC-13', reporter: CHEN, watchers: [] }
      ],
      WEIGHTS
    )
    expect(ranked.map((p) => p.user.id)).toEqual(['u-chen', 'u-ana'])
    expect(ranked[0]!.score).toBe(4)
    expect(describeTies(ranked[0]!.ties)).toBe(
      'watcher of ABC-7, watcher of ABC-12, reporter of ABC-13'
    )
  })

  test('an email seen anywhere is kept (watchers may hide what the issue shows)', () => {
    const hidden = user('u-eli')
    const ranked = rankPeople(
      [
        { key: 'ABC-1', watchers: [hidden] },
        { key: 'ABC-2', reporter: ELI, watchers: [] }
      ],
      WEIGHTS
    )
    expect(ranked[0]!.user.email).toBe('eli@acme.test')
  })

  test('inactive users and app accounts are not people to ask', () => {
    const ranked = rankPeople(
      [
        {
          key: 'ABC-1',
          reporter: user('u-bot', { bot: true }),
          watchers: [user('u-old', { active: false }), ANA]
        }
      ],
      WEIGHTS
    )
    expect(ranked.map((p) => p.user.id)).toEqual(['u-ana'])
  })

  test('a weight of 0 leaves that role out', () => {
    const ranked = rankPeople(
      [{ key: 'ABC-1', reporter: ELI, assignee: CHEN, watchers: [ANA, ELI] }],
      { watchers: 0, reporter: 2, assignee: 1 }
    )
    expect(ranked.map((p) => [p.user.id, p.score])).toEqual([
      ['u-eli', 2],
      ['u-chen', 1]
    ])
    expect(ranked[0]!.ties).toEqual([{ role: 'reporter', issueKey: 'ABC-1' }])
  })

  test('equal scores: more issues first, then by name, so the order is stable', () => {
    const ranked = rankPeople(
      [
        { key: 'ABC-1', reporter: ANA, watchers: [CHEN, ELI] },
        { key: 'ABC-2', watchers: [CHEN] }
      ],
      WEIGHTS
    )
    expect(ranked.map((p) => p.user.id)).toEqual(['u-chen', 'u-ana', 'u-eli'])
  })
})

describe('describeTies', () => {
  test('groups the roles of one issue', () => {
    expect(
      describeTies([
        { role: 'watcher', issueKey: 'ABC-12' },
        { role: 'reporter', issueKey: 'ABC-12' },
        { role: 'assignee', issueKey: 'ABC-12' },
        { role: 'reporter', issueKey: 'ABC-7' }
      ])
    ).toBe('reporter, assignee and watcher of ABC-12, reporter of ABC-7')
  })
})
