/**
 * discoverLinkedIssues with fake ports: the PR author's Jira user as the `users` table names it
 * (on Data Center a user key that JQL does not take), and links inferred by earlier runs.
 */
import { jest } from '@jest/globals'
import { core } from '../../../helpers/core-mock.js'
import type { JiraIssue, UserRef } from '../../../../src/jira/port.js'
import { jiraIssue, prFacts, settings } from '../../../helpers/facts.js'
import { memoryStore } from '../../../helpers/memory-store.js'

const { discoverLinkedIssues } = await import('../../../../src/rules/auto-link/discover.js')
const { NO_CACHE } = await import('../../../../src/cache/store.js')
const { EMPTY_STATE } = await import('../../../../src/report/state.js')
const { cacheKey, seal, unseal } = await import('../../../../src/cache/sealed.js')
type CommentState = import('../../../../src/report/state.js').CommentState

const DANA: UserRef = { id: 'JIRAUSER10104', jql: 'dkowalski' }

/** The wishlist PR of the e2e scenario, by dana-k, with no key. */
const pr = prFacts({
  title: 'Wishlist: read-only share links',
  body: 'Adds a share button to the wishlist that creates a read-only link friends can open without an account.',
  headRef: 'wishlist-share',
  author: { login: 'dana-k', type: 'User' }
})

const POOL: JiraIssue[] = [
  jiraIssue('SHOP-51', {
    summary: 'Share wishlist with a link',
    assignee: { id: DANA.id, name: DANA.jql, displayName: 'Dana Kowalski' },
    details: {
      description:
        'Customers can share their wishlist through a read-only link that friends can open without an account.',
      components: ['Accounts'],
      labels: ['feature']
    }
  }),
  jiraIssue('SHOP-13', {
    summary: 'Add product reviews with star ratings',
    details: { description: 'Stars.', components: ['Catalog'], labels: [] }
  })
]

function config(users: Record<string, string>) {
  const s = settings()
  s.jira.projects = ['SHOP']
  s.rules.suggestReviewers.users = users
  return s
}

/** Fake ports whose Jira knows `found` as any user asked for; `discover` runs the rule on them. */
function fakeJira(found: UserRef | null) {
  const jql: string[] = []
  const jira = {
    siteUrl: 'https://jira.acme.test',
    getIssues: jest.fn(async (keys: string[]) => POOL.filter((i) => keys.includes(i.key))),
    searchIssues: jest.fn(async (query: string) => (jql.push(query), POOL)),
    findUser: jest.fn(async (_ref: string) => found)
  }
  const ports = { jira, cache: { store: NO_CACHE, key: Buffer.alloc(32) } }
  const discover = (users: Record<string, string>, state: CommentState = EMPTY_STATE) =>
    discoverLinkedIssues(ports, pr, state, config(users))
  return { jira, jql, discover }
}

beforeEach(() => jest.clearAllMocks())

test("Data Center: the table's user key is looked up; JQL gets the username, the ranker the key", async () => {
  const { jira, jql, discover } = fakeJira(DANA)
  const found = await discover({ [DANA.id]: 'dana-k' })
  expect(jira.findUser).toHaveBeenCalledWith(DANA.id)
  expect(jql).toContain(
    'project in ("SHOP") AND (statusCategory != Done) AND assignee = "dkowalski" ORDER BY updated DESC'
  )
  expect(jql.join('\n')).not.toContain(DANA.id)
  const keys = [...found.linked, ...found.suggestions].map((l) => l.issue.key)
  expect(keys[0]).toBe('SHOP-51')
})

test('a table entry Jira does not know: one warning, no author search, inference goes on', async () => {
  const { jql, discover } = fakeJira(null)
  const found = await discover({ 'no-such-user': 'dana-k' })
  expect(core.warning).toHaveBeenCalledTimes(1)
  expect(String(core.warning.mock.calls[0]![0])).toContain(
    "The users table maps dana-k to 'no-such-user', a user Jira does not know"
  )
  expect(jql.some((q) => q.includes('assignee'))).toBe(false)
  expect([...found.linked, ...found.suggestions].map((l) => l.issue.key)[0]).toBe('SHOP-51')
})

test('a link inferred by an earlier run is ranked again: the rerun shows the same confidence and words', async () => {
  const { discover } = fakeJira(null)
  const first = await discover({})
  const [link] = first.linked
  expect(link).toMatchObject({ via: 'inferred', issue: { key: 'SHOP-51' } })
  expect(link!.confidence).toBeGreaterThan(0)

  const again = await discover({}, first.state)
  expect(again.linked).toHaveLength(1)
  expect(again.linked[0]).toMatchObject({
    via: 'inferred',
    confidence: link!.confidence,
    matched: link!.matched
  })
  expect(again.suggestions.map((s) => s.issue.key)).not.toContain('SHOP-51')
  expect(again.state).toEqual(first.state)
})

test('Jira refusing the candidate search costs key-less linking only: the earlier links stand, the failure is named', async () => {
  const { jira, discover } = fakeJira(null)
  const first = await discover({})
  jira.searchIssues.mockRejectedValue(
    new Error("Jira refused to search issues (400 Bad Request): Field 'sprnt' does not exist.")
  )

  const again = await discover({}, first.state)

  expect(again.failure).toEqual({
    message:
      "key-less linking could not search Jira for candidates (Jira refused to search issues (400 Bad Request): Field 'sprnt' does not exist.); the issues the PR names are linked as usual. If the search is refused, check rules.auto-link.candidate-jql and jira.projects in the config file.",
    kind: 'other'
  })
  expect(again.linked.map((l) => l.issue.key)).toEqual(['SHOP-51'])
  expect(again.suggestions).toEqual([])
  expect(again.state).toEqual(first.state)
})

test('a PR whose only key is no issue (a typo) is still matched by inference', async () => {
  const { jira } = fakeJira(null)
  const typo = prFacts({ ...pr.pr, title: 'SHOP-999 Wishlist: read-only share links' })
  const ports = { jira, cache: { store: NO_CACHE, key: Buffer.alloc(32) } }
  const found = await discoverLinkedIssues(ports, typo, EMPTY_STATE, config({}))
  expect(jira.getIssues).toHaveBeenCalledWith(['SHOP-999'])
  expect(jira.searchIssues).toHaveBeenCalled()
  expect([...found.linked, ...found.suggestions].map((l) => l.issue.key)[0]).toBe('SHOP-51')
})

test("the comment's state is held to jira.projects like the PR's keys: a key of another project is not read", async () => {
  const { jira, discover } = fakeJira(null)
  const forged: CommentState = {
    v: 1,
    links: [
      { key: 'SEC-9', via: 'accepted' },
      { key: 'SHOP-51', via: 'inferred' }
    ],
    rejected: ['SEC-10'],
    followUps: ['SEC-11', 'SHOP-201'],
    relink: [
      { key: 'SEC-11', to: ['SHOP-1'], tries: 0 },
      { key: 'SHOP-201', to: ['SEC-12', 'SHOP-1'], tries: 1 },
      { key: 'SHOP-202', to: ['SEC-12'], tries: 0 }
    ]
  }
  const found = await discover({}, forged)
  const asked = jira.getIssues.mock.calls.flatMap(([keys]) => keys)
  expect(asked).not.toContain('SEC-9')
  expect(asked).not.toContain('SEC-10')
  expect(found.linked.map((l) => l.issue.key)).toEqual(['SHOP-51'])
  expect(found.state.links.map((l) => l.key)).toEqual(['SHOP-51'])
  // The follow-ups the state remembers are kept for the next run, those of jira.projects only.
  expect(found.state.followUps).toEqual(['SHOP-201'])
  // And the links to try again, between issues of jira.projects only.
  expect(found.state.relink).toEqual([{ key: 'SHOP-201', to: ['SHOP-1'], tries: 1 }])
})

describe('picks only the cache knows are confirmed by Jira before they count', () => {
  const key = cacheKey('secret', 'https://jira.acme.test')
  const SCOPE = 'project in ("SHOP") AND (statusCategory != Done)'

  /** A corpus saved a minute ago holding the pool; Jira's searches find nothing changed or new. */
  function cachedJira(answer: (keys: string[]) => JiraIssue[]) {
    const corpus = { v: 2, scope: SCOPE, syncedAt: new Date().toISOString(), issues: POOL }
    const store = memoryStore(seal(corpus, key))
    const jira = {
      siteUrl: 'https://jira.acme.test',
      getIssues: jest.fn(async (keys: string[]) => answer(keys)),
      searchIssues: jest.fn(async (_query: string) => [] as JiraIssue[]),
      findUser: jest.fn(async (_ref: string) => null)
    }
    const run = (state: CommentState = EMPTY_STATE) =>
      discoverLinkedIssues({ jira, cache: { store, key } }, pr, state, config({}))
    const savedKeys = () =>
      unseal<{ issues: JiraIssue[] }>(store.saved.at(-1)!, key)!.issues.map((i) => i.key)
    return { jira, store, run, savedKeys }
  }
  const picks = (d: Awaited<ReturnType<typeof discoverLinkedIssues>>) =>
    [...d.linked, ...d.suggestions].map((l) => l.issue.key)

  test('an issue deleted since it was cached: not linked nor shown, dropped from the cache', async () => {
    const { jira, run, savedKeys } = cachedJira(() => [])
    const found = await run()
    expect(jira.getIssues).toHaveBeenCalledTimes(1)
    expect(jira.getIssues.mock.calls[0]![0]).toContain('SHOP-51')
    expect(picks(found)).not.toContain('SHOP-51')
    await found.saveCache()
    expect(savedKeys()).not.toContain('SHOP-51')
  })

  test('an issue moved to another project answers under its new key: not linked', async () => {
    const moved = { ...POOL[0]!, key: 'OPS-99' }
    const { run } = cachedJira((keys) => (keys.includes('SHOP-51') ? [moved] : []))
    expect(picks(await run())).not.toContain('SHOP-51')
    expect(picks(await run())).not.toContain('OPS-99')
  })

  test('an issue Jira still has is linked as Jira shows it now; nothing to save', async () => {
    const now = { ...POOL[0]!, status: { name: 'In Review', category: 'indeterminate' } }
    const { jira, store, run } = cachedJira((keys) =>
      POOL.filter((i) => keys.includes(i.key)).map((i) => (i.key === 'SHOP-51' ? now : i))
    )
    const found = await run()
    expect(found.linked).toMatchObject([
      { via: 'inferred', issue: { key: 'SHOP-51', status: { name: 'In Review' } } }
    ])
    expect(jira.getIssues).toHaveBeenCalledTimes(1)
    await found.saveCache()
    expect(store.saved).toHaveLength(0)
  })

  test('an earlier inferred link whose issue is gone: the key lookup says so, no second request, not inferred again', async () => {
    const { jira, run } = cachedJira(() => [])
    const found = await run({ v: 1, links: [{ key: 'SHOP-51', via: 'inferred' }] })
    expect(picks(found)).not.toContain('SHOP-51')
    expect(
      jira.getIssues.mock.calls.flatMap(([keys]) => keys).filter((k) => k === 'SHOP-51')
    ).toHaveLength(1)
    expect(found.vanished).toEqual(['SHOP-51'])
    expect(core.notice).toHaveBeenCalledWith(
      "SHOP-51 was linked on an earlier run, and Jira no longer shows it to the action's account (deleted, moved to another project, or out of its permissions): no longer listed, and no link to remove.",
      { title: 'gitar-jira' }
    )
  })
})

test('a ticked (or inferred) link the PR then names stays remembered so: when the key leaves the PR, the link stays', async () => {
  const { jira } = fakeJira(null)
  const ports = { jira, cache: { store: NO_CACHE, key: Buffer.alloc(32) } }
  const named = prFacts({ ...pr.pr, title: 'SHOP-51 Wishlist: read-only share links' })
  for (const via of ['accepted', 'inferred'] as const) {
    const state: CommentState = { v: 1, links: [{ key: 'SHOP-51', via }] }
    const withKey = await discoverLinkedIssues(ports, named, state, config({}))
    expect(withKey.linked).toMatchObject([{ via: 'explicit', issue: { key: 'SHOP-51' } }])
    expect(withKey.state.links).toEqual([{ key: 'SHOP-51', via }])

    const keyGone = await discoverLinkedIssues(ports, pr, withKey.state, config({}))
    expect(keyGone.linked).toMatchObject([{ via, issue: { key: 'SHOP-51' } }])
  }
  const fresh = await discoverLinkedIssues(ports, named, EMPTY_STATE, config({}))
  expect(fresh.state.links).toEqual([{ key: 'SHOP-51', via: 'explicit' }])
})

test("with update-title, an unticked issue the title names only as its `KEY: ` prefix stays dismissed (the prefix is the action's)", async () => {
  const { jira } = fakeJira(null)
  const ports = { jira, cache: { store: NO_CACHE, key: Buffer.alloc(32) } }
  const prefixed = prFacts({ ...pr.pr, title: 'SHOP-51: Wishlist: read-only share links' })
  const state: CommentState = { v: 1, links: [], rejected: ['SHOP-51'], titled: 'SHOP-51' }
  const s = config({})
  s.rules.autoLink.updateTitle = true
  const found = await discoverLinkedIssues(ports, prefixed, state, s)
  expect(found.linked.map((l) => l.issue.key)).not.toContain('SHOP-51')
  expect(found.state.rejected).toEqual(['SHOP-51'])
  // Typed by the author (the state says the action wrote no prefix), the key is theirs and wins.
  const { titled: _, ...typed } = state
  const theirs = await discoverLinkedIssues(ports, prefixed, typed, s)
  expect(theirs.linked).toMatchObject([{ via: 'explicit', issue: { key: 'SHOP-51' } }])
  const named = await discoverLinkedIssues(ports, prefixed, state, config({}))
  expect(named.linked).toMatchObject([{ via: 'explicit', issue: { key: 'SHOP-51' } }])
  expect(named.dismissed).toEqual([])
  expect(found.dismissed.map((i) => i.key)).toEqual(['SHOP-51'])
})

test('a cached pick found gone gives way to the next, which is read in turn: the next run picks the same', async () => {
  const key = cacheKey('secret', 'https://jira.acme.test')
  const SCOPE = 'project in ("SHOP") AND (statusCategory != Done)'
  const runner: JiraIssue = jiraIssue('SHOP-52', {
    summary: 'Share button',
    details: { description: '', components: ['Accounts'], labels: [] }
  })
  const issues = [...POOL, runner]
  const corpus = { v: 2, scope: SCOPE, syncedAt: new Date().toISOString(), issues }
  const store = memoryStore(seal(corpus, key))
  // SHOP-51 was deleted; SHOP-52 is still there.
  const jira = {
    siteUrl: 'https://jira.acme.test',
    getIssues: jest.fn(async (keys: string[]) =>
      issues.filter((i) => i.key !== 'SHOP-51' && keys.includes(i.key))
    ),
    searchIssues: jest.fn(async (_query: string) => [] as JiraIssue[]),
    findUser: jest.fn(async (_ref: string) => null)
  }
  const run = () =>
    discoverLinkedIssues({ jira, cache: { store, key } }, pr, EMPTY_STATE, config({}))
  const picks = (d: Awaited<ReturnType<typeof discoverLinkedIssues>>) =>
    [...d.linked, ...d.suggestions].map((l) => l.issue.key)
  const first = await run()
  expect(picks(first)).toContain('SHOP-52')
  expect(picks(first)).not.toContain('SHOP-51')
  await first.saveCache()
  expect(picks(await run())).toEqual(picks(first))
})

test('with update-title, an inferred issue the action put before the title stays inferred, its box kept', async () => {
  const { jira } = fakeJira(null)
  const ports = { jira, cache: { store: NO_CACHE, key: Buffer.alloc(32) } }
  const prefixed = prFacts({ ...pr.pr, title: 'SHOP-51: Wishlist: read-only share links' })
  const s = config({})
  s.rules.autoLink.updateTitle = true
  const state: CommentState = {
    v: 1,
    links: [{ key: 'SHOP-51', via: 'inferred' }],
    titled: 'SHOP-51'
  }
  const found = await discoverLinkedIssues(ports, prefixed, state, s)
  expect(found.linked).toMatchObject([{ via: 'inferred', issue: { key: 'SHOP-51' } }])
  expect(found.state.titled).toBe('SHOP-51')
})

test('a PR naming more keys than are read: the first 100 are asked of Jira, and one note says how many were left', async () => {
  const { jira } = fakeJira(null)
  const keys = Array.from({ length: 131 }, (_, i) => `SHOP-${i + 1}`)
  const many = prFacts(
    { ...pr.pr, title: 'SHOP-131 Wishlist', body: `Relates to ${keys.slice(0, 130).join(', ')}.` },
    { commits: [{ sha: 'a', message: 'SHOP-200: and one more' }] }
  )
  const ports = { jira, cache: { store: NO_CACHE, key: Buffer.alloc(32) } }
  const found = await discoverLinkedIssues(ports, many, EMPTY_STATE, config({}))
  const asked = jira.getIssues.mock.calls.flatMap(([keys]) => keys)
  expect(asked).toHaveLength(100)
  expect(asked.slice(0, 2)).toEqual(['SHOP-131', 'SHOP-1'])
  expect(asked).not.toContain('SHOP-100')
  expect(found.notes).toEqual([
    {
      level: 'warning',
      text: 'This PR names 132 issue keys; the first 100 were read (in the order title, branch, description, commits), and the other 32 are not linked.'
    }
  ])
})

test('a PR naming 100 keys has them all read, and no note', async () => {
  const { jira } = fakeJira(null)
  const keys = Array.from({ length: 100 }, (_, i) => `SHOP-${i + 1}`)
  const hundred = prFacts({ ...pr.pr, title: 'Wishlist', body: `Relates to ${keys.join(', ')}.` })
  const ports = { jira, cache: { store: NO_CACHE, key: Buffer.alloc(32) } }
  const found = await discoverLinkedIssues(ports, hundred, EMPTY_STATE, config({}))
  expect(jira.getIssues.mock.calls.flatMap(([keys]) => keys)).toHaveLength(100)
  expect(found.notes).toBeUndefined()
})
