import { jest } from '@jest/globals'
import type { Settings } from '../../../../src/config/settings.js'
import type { GitHubPort, RepoPermission } from '../../../../src/github/port.js'
import type { JiraPort, JiraUser } from '../../../../src/jira/port.js'
import type { LinkedIssue } from '../../../../src/rules/linked-issue.js'
import { trustOf } from '../../../../src/rules/author-trust.js'
import { suggestReviewers } from '../../../../src/rules/suggest-reviewers/index.js'
import type { Facts, Ports } from '../../../../src/rules/types.js'
import { facts, jiraIssue, prEvent, prFacts, settings } from '../../../helpers/facts.js'

function config(overrides: Partial<Settings['rules']['suggestReviewers']> = {}): Settings {
  const s = settings()
  s.rules.suggestReviewers = { ...s.rules.suggestReviewers, ...overrides }
  return s
}

const u = (id: string, displayName: string, email?: string): JiraUser => ({
  id,
  displayName,
  ...(email ? { email } : {})
})
const BEN = u('u-ben', 'Ben Okafor')
const ELI = u('u-eli', 'Eli Romero', 'eli@acme.test')
const CHEN = u('u-chen', 'Chen Wei', 'chen@acme.test')
const FAY = u('u-fay', 'Fay Nakamura')
const OLD = { ...u('u-old', 'Former Employee', 'old@acme.test'), active: false }

const linked = (key: string, reporter: JiraUser, assignee: JiraUser | null): LinkedIssue => ({
  issue: jiraIssue(key, { reporter, assignee }),
  strength: 'resolves',
  via: 'explicit',
  sources: ['title']
})

/** SHOP-12 of the sandbox, in small: Ben (the author) assigned, Eli reporting, others watching. */
function ports(
  permissions: Record<string, RepoPermission> = { eliromero: 'write', chenwei: 'write' }
) {
  const jira = {
    getWatchers: jest.fn(async (key: string) => (key === 'ABC-12' ? [ELI, CHEN, FAY, OLD] : [ELI]))
  }
  const github = {
    findCommitAuthors: jest.fn(async (email: string) =>
      email === 'chen@acme.test' ? ['chenwei'] : []
    ),
    getUser: jest.fn(async (login: string) =>
      login === 'eliromero' ? { login, name: 'Eli Romero', email: 'eli@acme.test' } : null
    ),
    getPermission: jest.fn(async (login: string) => permissions[login] ?? 'none')
  }
  return {
    jira,
    github,
    ports: { jira: jira as unknown as JiraPort, github: github as unknown as GitHubPort } as Ports
  }
}

function prFactsBy(extra: Parameters<typeof prFacts>[0] = {}, reviews: string[] = []): Facts {
  return facts({
    pr: prFacts(
      { author: { login: 'benok' }, ...extra },
      { reviews: reviews.map((user, i) => ({ id: i, user, state: 'APPROVED' })) }
    ),
    linked: [linked('ABC-12', ELI, BEN), linked('ABC-7', CHEN, null)]
  })
}

describe('appliesTo', () => {
  test.each(['opened', 'reopened', 'ready_for_review', 'synchronize'])('%s', (action) => {
    expect(suggestReviewers.appliesTo(prEvent({ action }), config())).toBe(true)
  })

  test.each(['edited', 'closed', 'checkbox'])('not %s', (action) => {
    expect(suggestReviewers.appliesTo(prEvent({ action }), config())).toBe(false)
  })

  test('not a draft, not when disabled', () => {
    expect(suggestReviewers.appliesTo(prEvent({ draft: true }), config())).toBe(false)
    expect(suggestReviewers.appliesTo(prEvent(), config({ enabled: false }))).toBe(false)
  })
})

describe('gather → plan', () => {
  test('comment mode: ranked suggestions with reasons, the unmapped listed, nothing requested', async () => {
    const { ports: p, github } = ports()
    const s = config()
    const f = prFactsBy()
    const plan = suggestReviewers.plan(f, await suggestReviewers.gather!(p, f, s), s)
    expect(plan.actions).toEqual([])
    // Equal scores (3 each, on two issues): by name.
    expect(plan.reviewers?.suggested.map((r) => [r.login, r.score, r.via])).toEqual([
      ['chenwei', 3, 'commit email'],
      ['eliromero', 3, 'public email']
    ])
    // Ben (the author, email hidden) and Fay (email hidden) have no login; the inactive user is not asked.
    expect(plan.reviewers?.unmapped.map((x) => x.id).sort()).toEqual(['u-ben', 'u-fay'])
    expect(github.getPermission.mock.calls.map((c) => c[0]).sort()).toEqual([
      'chenwei',
      'eliromero'
    ])
  })

  test('request mode: one action per login, none for a review the action requested before', async () => {
    const { ports: p } = ports()
    const s = config({ mode: 'request' })
    const f = prFactsBy({ requestedReviewers: ['chenwei'] })
    const withState = { ...f, previous: { ...f.previous, requested: ['chenwei'] } }
    const plan = suggestReviewers.plan(
      withState,
      await suggestReviewers.gather!(p, withState, s),
      s
    )
    expect(plan.actions).toEqual([
      {
        type: 'github.requestReviewer',
        rule: 'suggest-reviewers',
        prNumber: 42,
        login: 'eliromero'
      }
    ])
    expect(plan.reviewers?.suggested.map((r) => [r.login, r.requestedEarlier])).toEqual([
      ['chenwei', true],
      ['eliromero', false]
    ])
  })

  test('a reviewer a human removed is not requested again', async () => {
    const { ports: p } = ports()
    const s = config({ mode: 'request' })
    const f = prFactsBy()
    const removed = { ...f, previous: { ...f.previous, requested: ['eliromero'] } }
    const plan = suggestReviewers.plan(removed, await suggestReviewers.gather!(p, removed, s), s)
    expect(plan.actions.map((a) => (a as { login: string }).login)).toEqual(['chenwei'])
    expect(plan.reviewers?.removed).toEqual(['eliromero'])
  })

  test('stops looking people up once `max` are found', async () => {
    const { ports: p, github } = ports()
    const s = config({ max: 1 })
    const f = prFactsBy()
    const plan = suggestReviewers.plan(f, await suggestReviewers.gather!(p, f, s), s)
    expect(plan.reviewers?.suggested.map((r) => r.login)).toEqual(['chenwei'])
    expect(github.getPermission).toHaveBeenCalledTimes(1)
    expect(github.getUser).not.toHaveBeenCalled()
  })

  test('people who reviewed already and people without access are not suggested', async () => {
    const { ports: p } = ports({ eliromero: 'none', chenwei: 'write' })
    const s = config()
    const f = prFactsBy({}, ['chenwei'])
    const plan = suggestReviewers.plan(f, await suggestReviewers.gather!(p, f, s), s)
    expect(plan.reviewers?.suggested).toEqual([])
    expect(plan.reviewers?.noAccess.map((x) => x.login)).toEqual(['eliromero'])
  })

  test('a users entry keyed by an email, with people whose email Jira hides unmapped: one note says so', async () => {
    const { ports: p } = ports()
    const f = prFactsBy()
    const planWith = async (users: Record<string, string>) => {
      const s = config({ users })
      return suggestReviewers.plan(f, await suggestReviewers.gather!(p, f, s), s)
    }
    const plan = await planWith({ 'fay@acme.test': 'fayn', 'ELI@acme.test': 'eliromero' })
    // Eli's entry matched Eli (his email shows); Fay's cannot match her.
    expect(plan.notes).toEqual([
      {
        level: 'info',
        text: 'Jira hides the email of Ben Okafor, Fay Nakamura, so the `users` entry keyed by an email (`fay@acme.test`) cannot match them: if it is meant for them, key it by their Jira accountId (the id shown beside their name) instead.',
        markdown:
          'Jira hides the email of Ben Okafor, Fay Nakamura, so the `users` entry keyed by an email \\(`fay@acme.test`\\) cannot match them: if it is meant for them, key it by their Jira accountId \\(the id shown beside their name\\) instead.'
      }
    ])
    const two = await planWith({ 'fay@acme.test': 'fayn', 'ben@acme.test': 'benok' })
    expect(two.notes[0]?.text).toContain(
      'so no `users` entry keyed by an email (`fay@acme.test, ben@acme.test`) can match them: if one is meant for them'
    )
    // Keyed by the accountId, or no entry keyed by an email: nothing to say.
    expect((await planWith({ 'u-fay': 'fayn' })).notes).toEqual([])
    expect((await planWith({ 'eli@acme.test': 'eliromero' })).notes).toEqual([])
  })

  test('watchers weighted 0: their list is not even read', async () => {
    const { ports: p, jira } = ports()
    const s = config({ sources: { watchers: 0, reporter: 2, assignee: 1 } })
    await suggestReviewers.gather!(p, prFactsBy(), s)
    expect(jira.getWatchers).not.toHaveBeenCalled()
  })
})

describe('an outsider’s PR: suggested, never requested', () => {
  const outsider = (f: Facts): Facts => ({
    ...f,
    author: trustOf({ login: 'benok', type: 'User' }, 'FIRST_TIME_CONTRIBUTOR')
  })

  test('mode request: no request, the plan is a comment’s, and one note says why', async () => {
    const { ports: p } = ports()
    const s = config({ mode: 'request' })
    const f = outsider(prFactsBy())
    const plan = suggestReviewers.plan(f, await suggestReviewers.gather!(p, f, s), s)
    expect(plan.actions).toEqual([])
    expect(plan.reviewers?.mode).toBe('comment')
    expect(plan.reviewers?.suggested.map((r) => r.login)).toEqual(['chenwei', 'eliromero'])
    expect(plan.notes).toEqual([
      {
        level: 'info',
        text: "Suggested, not requested: @benok is not a collaborator of acme/shop (author association FIRST_TIME_CONTRIBUTOR), and reviews are requested only on PRs by the repository's owner, members and collaborators."
      }
    ])
  })

  test('mode comment, or nobody left to request: no note', async () => {
    const { ports: p } = ports()
    const comment = config()
    const f = outsider(prFactsBy())
    const plain = suggestReviewers.plan(f, await suggestReviewers.gather!(p, f, comment), comment)
    expect(plain.notes).toEqual([])

    const request = config({ mode: 'request' })
    const asked = outsider(prFactsBy({ requestedReviewers: ['chenwei', 'eliromero'] }))
    const earlier = {
      ...asked,
      previous: { ...asked.previous, requested: ['chenwei', 'eliromero'] }
    }
    const plan = suggestReviewers.plan(
      earlier,
      await suggestReviewers.gather!(p, earlier, request),
      request
    )
    expect(plan.actions).toEqual([])
    expect(plan.notes).toEqual([])
  })
})
