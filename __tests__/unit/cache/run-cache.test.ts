/**
 * The run's cache through openRunCache, run after run on one in-memory store: what one entry
 * holds (sealed, no token), what a second run no longer asks Jira or GitHub, the TTLs, and a
 * cached value Jira proves wrong (read again once, never a failed write).
 */
import { jest } from '@jest/globals'
import { core } from '../../helpers/core-mock.js'
import { memoryStore } from '../../helpers/memory-store.js'
import { jiraIssue } from '../../helpers/facts.js'
import type {
  IssueLinkType,
  JiraIssue,
  JiraPort,
  JiraUser,
  ScreenField,
  Transition,
  TransitionFill,
  TransitionOutcome
} from '../../../src/jira/port.js'
import type { JiraAuth } from '../../../src/jira/auth.js'
import type { StoredMetadata } from '../../../src/cache/metadata.js'

const { openRunCache } = await import('../../../src/cache/index.js')
const { bundlePrefix, decodeBundle, encodeBundle, SECTION_MAX_AGE_MS } =
  await import('../../../src/cache/bundle.js')
const { METADATA_SECTION, TTL } = await import('../../../src/cache/metadata.js')
const { cacheKey, credentialSecret, seal, unseal } = await import('../../../src/cache/sealed.js')
const { createResolver } = await import('../../../src/rules/suggest-reviewers/resolve.js')

const SITE = 'https://acme.atlassian.net'
const API_TOKEN = 'ATATT3xFfGF0-unit-token-never-cache'
const AUTH: JiraAuth = {
  mode: 'basic',
  siteUrl: SITE,
  email: 'bot@acme.test',
  apiToken: API_TOKEN
} as JiraAuth
const KEY = cacheKey(credentialSecret(AUTH), SITE)
const T0 = Date.parse('2026-11-27T10:00:00Z')
const HOUR = 60 * 60 * 1000

const toReview: Transition = { id: '21', name: 'Review', to: { name: 'In Review' } }
const toDone: Transition = { id: '31', name: 'Finish', to: { name: 'Done' } }
const RELATES: IssueLinkType = {
  id: '10003',
  name: 'Relates',
  inward: 'relates to',
  outward: 'relates to'
}

/** A Jira whose answers the test sets, counting every call. */
function fakeJira(issues: JiraIssue[]) {
  const state = {
    transitions: [toReview, toDone] as Transition[],
    linkTypes: [RELATES] as IssueLinkType[],
    refuse: new Set<string>()
  }
  const port = {
    flavour: 'cloud' as const,
    siteUrl: SITE,
    getIssues: jest.fn(async (keys: string[]) => issues.filter((i) => keys.includes(i.key))),
    searchIssues: jest.fn(async () => issues),
    getWatchers: jest.fn(async (): Promise<JiraUser[]> => []),
    getTransitions: jest.fn(async (_key: string) => state.transitions),
    transitionIssue: jest.fn(async (_key: string, id: string, fill?: TransitionFill) => {
      const offered = state.transitions.find((t) => t.id === id)
      if (!offered || state.refuse.has(id)) {
        return { ok: false as const, reason: `Transition id '${id}' is not valid for this issue.` }
      }
      // As Jira does: a required resolution must be sent, and one off the screen cannot be.
      const screen = offered.screen?.find((f) => f.key === 'resolution')
      if (screen?.required && fill?.resolution === undefined) {
        return { ok: false as const, reason: 'resolution: Resolution is required.' }
      }
      if (!screen && fill?.resolution !== undefined) {
        return { ok: false as const, reason: "resolution: Field 'resolution' cannot be set." }
      }
      return { ok: true as const }
    }),
    getIssueLinkTypes: jest.fn(async () => state.linkTypes),
    linkIssues: jest.fn(async (name: string) => {
      if (!state.linkTypes.some((t) => t.name === name))
        throw new Error(`No issue link type with name '${name}' found.`)
    })
  }
  return { state, port, jira: port as unknown as JiraPort }
}

const ABC1 = jiraIssue('ABC-1', { issueType: 'Task' })
const ABC2 = jiraIssue('ABC-2', { issueType: 'Task' })

/** One run: open the cache on `store` at `now`, do `work` with the cached port, save. */
async function run(
  store: ReturnType<typeof memoryStore>,
  fake: ReturnType<typeof fakeJira>,
  work: (jira: JiraPort, cache: ReturnType<typeof openRunCache>) => Promise<void>,
  now = T0
) {
  const cache = openRunCache({ store, auth: AUTH, site: SITE, now: () => now })
  await work(cache.jira(fake.jira), cache)
  await cache.save()
}

function storedMetadata(store: ReturnType<typeof memoryStore>): StoredMetadata {
  const sections = decodeBundle(store.saved.at(-1)!)!
  return unseal<StoredMetadata>(sections.get(METADATA_SECTION)!.data, KEY)!
}

const moveToReview = async (jira: JiraPort, key = 'ABC-1') => {
  await jira.getIssues([key])
  const offered = await jira.getTransitions(key, 'In Review')
  return jira.transitionIssue(key, offered.find((t) => t.to.name === 'In Review')!.id)
}

/** A run an hour later that moves `key` to In Review, and Jira accepts the move. */
const movedLater = (
  store: ReturnType<typeof memoryStore>,
  fake: ReturnType<typeof fakeJira>,
  key = 'ABC-1'
) =>
  run(
    store,
    fake,
    async (jira) => {
      expect(await moveToReview(jira, key)).toMatchObject({ ok: true })
    },
    T0 + HOUR
  )

beforeEach(() => core.debug.mockClear())

describe('one cache entry per run', () => {
  test('a second run moves an issue of the same workflow status without reading transitions', async () => {
    const store = memoryStore()
    const first = fakeJira([ABC1, ABC2])
    await run(store, first, async (jira) => {
      expect(await moveToReview(jira)).toEqual({ ok: true })
    })
    expect(first.port.getTransitions).toHaveBeenCalledTimes(1)
    expect(store.loads).toBe(1)
    expect(store.saved).toHaveLength(1)

    const second = fakeJira([ABC1, ABC2])
    await movedLater(store, second, 'ABC-2')
    expect(second.port.getTransitions).not.toHaveBeenCalled()
    expect(second.port.transitionIssue).toHaveBeenCalledWith('ABC-2', '21', undefined)
    expect(store.loads).toBe(2)
    // Nothing new was learnt: nothing saved.
    expect(store.saved).toHaveLength(1)
  })

  test('within a run, issues in the same workflow status share one read', async () => {
    const ABC3 = jiraIssue('ABC-3', {
      issueType: 'Task',
      status: { name: 'To Do', category: 'new' }
    })
    const fake = fakeJira([ABC1, ABC2, ABC3])
    await run(memoryStore(), fake, async (jira) => {
      await jira.getIssues(['ABC-1', 'ABC-2', 'ABC-3'])
      const lists = await Promise.all(
        ['ABC-1', 'ABC-2', 'ABC-3'].map((key) => jira.getTransitions(key, 'In Review'))
      )
      expect(lists[1]).toEqual([toReview, toDone])
    })
    expect(fake.port.getTransitions.mock.calls.map((c) => c[0])).toEqual(['ABC-1', 'ABC-3'])
  })

  test('the entry is sealed, holds metadata only, and never a token', async () => {
    const store = memoryStore()
    await run(store, fakeJira([ABC1]), async (jira, cache) => {
      await moveToReview(jira)
      await jira.getIssueLinkTypes()
      await cache.logins.remember(
        { id: 'u-eli', displayName: 'Eli', email: 'eli@acme.test' },
        { login: 'eliromero', via: 'commit email' }
      )
    })
    const entry = store.saved[0]!
    const plain = entry.toString('latin1')
    for (const secret of [API_TOKEN, 'In Review', 'Relates', 'eliromero', 'eli@acme.test'])
      expect(plain).not.toContain(secret)
    const stored = storedMetadata(store)
    expect(JSON.stringify(stored)).not.toContain(API_TOKEN)
    expect(JSON.stringify(stored)).not.toContain('eli@acme.test')
    expect(stored).toEqual({
      v: 2,
      linkTypes: { at: T0, value: [RELATES] },
      transitions: {
        '["ABC","Task","in progress"]': { at: T0, value: [toReview, toDone] }
      },
      logins: {
        'u-eli': {
          at: T0,
          value: { login: 'eliromero', via: 'commit email', emailHash: expect.any(String) }
        }
      }
    })
    // Another credential opens nothing: the run starts empty and reads Jira.
    const other = cacheKey('bot@acme.test:another-token', SITE)
    expect(unseal(decodeBundle(entry)!.get(METADATA_SECTION)!.data, other)).toBeNull()
  })

  test('link types: cached for a day, then read again', async () => {
    const store = memoryStore()
    await run(store, fakeJira([]), async (jira) => void (await jira.getIssueLinkTypes()))
    const next = fakeJira([])
    await run(
      store,
      next,
      async (jira) => {
        expect(await jira.getIssueLinkTypes()).toEqual([RELATES])
      },
      T0 + TTL.linkTypes - 1
    )
    expect(next.port.getIssueLinkTypes).not.toHaveBeenCalled()
    const late = fakeJira([])
    await run(
      store,
      late,
      async (jira) => void (await jira.getIssueLinkTypes()),
      T0 + TTL.linkTypes
    )
    expect(late.port.getIssueLinkTypes).toHaveBeenCalledTimes(1)
    expect(store.saved).toHaveLength(2)
  })

  test('a dry run (no save) and a run that learnt nothing write no entry', async () => {
    const store = memoryStore()
    const cache = openRunCache({ store, auth: AUTH, site: SITE, now: () => T0 })
    await cache.jira(fakeJira([]).jira).getWatchers('ABC-1')
    await cache.save()
    expect(store.saved).toHaveLength(0)
    expect(store.loads).toBe(1)
  })

  test('the cache failing to restore or to save is a debug line, never an error', async () => {
    const store = memoryStore()
    store.fail = 'load'
    const fake = fakeJira([ABC1])
    await run(store, fake, async (jira) => {
      expect(await moveToReview(jira)).toEqual({ ok: true })
    })
    store.fail = 'save'
    await expect(
      run(store, fakeJira([ABC1]), async (jira) => void (await jira.getIssueLinkTypes()))
    ).resolves.toBeUndefined()
    expect(core.debug).toHaveBeenCalledWith(expect.stringMatching(/^Cache restore failed/))
    expect(core.debug).toHaveBeenCalledWith(expect.stringMatching(/^Cache save failed/))
  })
})

test('an entry of the previous version keeps its link types and logins; its transitions are read again', async () => {
  const v1 = {
    v: 1,
    linkTypes: { at: T0, value: [RELATES] },
    transitions: {
      [JSON.stringify(['ABC', 'Task', 'in progress'])]: { at: T0, value: [toReview] }
    },
    logins: {}
  }
  const store = memoryStore(
    encodeBundle(new Map([[METADATA_SECTION, { savedAt: T0, data: seal(v1, KEY) }]]))
  )
  const fake = fakeJira([ABC1])
  await run(
    store,
    fake,
    async (jira) => {
      await jira.getIssueLinkTypes()
      await moveToReview(jira)
    },
    T0 + HOUR
  )
  expect(fake.port.getIssueLinkTypes).not.toHaveBeenCalled()
  expect(fake.port.getTransitions).toHaveBeenCalledTimes(1)
  expect(storedMetadata(store).v).toBe(2)
})

describe('a cached value Jira proves wrong is read again, once', () => {
  test('a transition id Jira no longer offers: transitions read again, the new id used', async () => {
    const store = memoryStore()
    await run(store, fakeJira([ABC1]), async (jira) => void (await moveToReview(jira)))
    const edited = fakeJira([ABC1])
    edited.state.transitions = [{ id: '71', name: 'Review', to: { name: 'In Review' } }]
    await movedLater(store, edited)
    expect(edited.port.transitionIssue.mock.calls).toEqual([
      ['ABC-1', '21'],
      ['ABC-1', '71']
    ])
    expect(edited.port.getTransitions).toHaveBeenCalledTimes(1)
    // The fresh list replaced the wrong one.
    expect(Object.values(storedMetadata(store).transitions)[0]!.value[0]!.id).toBe('71')
  })

  test('a transition Jira still offers but refuses (a screen): its refusal, no second try', async () => {
    const store = memoryStore()
    await run(store, fakeJira([ABC1]), async (jira) => void (await moveToReview(jira)))
    const screened = fakeJira([ABC1])
    screened.state.refuse.add('21')
    await run(
      store,
      screened,
      async (jira) => {
        expect(await moveToReview(jira)).toEqual({
          ok: false,
          reason: "Transition id '21' is not valid for this issue.",
          live: [toReview, toDone]
        })
      },
      T0 + HOUR
    )
    expect(screened.port.transitionIssue).toHaveBeenCalledTimes(1)
  })

  describe('a screen changed since the list was cached: the live screen picks again, one retry', () => {
    const PREFER = ['Done', 'Fixed']
    const RESOLVE: ScreenField = {
      key: 'resolution',
      name: 'Resolution',
      required: true,
      hasDefault: false,
      allowed: ['Fixed']
    }
    /** The rule's part: the fill picked from the list the run was given. */
    const moveWithFill = async (jira: JiraPort) => {
      await jira.getIssues(['ABC-1'])
      const offered = await jira.getTransitions('ABC-1', 'In Review')
      const chosen = offered.find((t) => t.to.name === 'In Review')!
      const fill = chosen.screen?.length
        ? { resolution: 'Fixed', prefer: PREFER }
        : { prefer: PREFER }
      return jira.transitionIssue('ABC-1', chosen.id, fill)
    }
    let outcome: TransitionOutcome | undefined
    const later = async (
      store: ReturnType<typeof memoryStore>,
      fake: ReturnType<typeof fakeJira>
    ) =>
      run(
        store,
        fake,
        async (jira) => {
          outcome = await moveWithFill(jira)
        },
        T0 + HOUR
      )

    test('a screen added: the resolution is sent on the retry', async () => {
      const store = memoryStore()
      await run(store, fakeJira([ABC1]), async (jira) => void (await moveWithFill(jira)))
      const screened = fakeJira([ABC1])
      screened.state.transitions = [{ ...toReview, screen: [RESOLVE] }, toDone]
      await later(store, screened)
      expect(screened.port.transitionIssue.mock.calls).toEqual([
        ['ABC-1', '21', { prefer: PREFER }],
        ['ABC-1', '21', { resolution: 'Fixed', prefer: PREFER }]
      ])
      // What was sent in the end, for the log and the report.
      expect(outcome).toEqual({
        ok: true,
        sent: { transitionId: '21', fill: { resolution: 'Fixed', prefer: PREFER } }
      })
    })

    test('a screen taken away: no resolution on the retry', async () => {
      const store = memoryStore()
      const first = fakeJira([ABC1])
      first.state.transitions = [{ ...toReview, screen: [RESOLVE] }, toDone]
      await run(store, first, async (jira) => void (await moveWithFill(jira)))
      const bare = fakeJira([ABC1])
      await later(store, bare)
      expect(bare.port.transitionIssue.mock.calls).toEqual([
        ['ABC-1', '21', { resolution: 'Fixed', prefer: PREFER }],
        ['ABC-1', '21', { prefer: PREFER }]
      ])
      expect(outcome).toEqual({ ok: true, sent: { transitionId: '21', fill: { prefer: PREFER } } })
    })

    test('a new transition id with a screen: the fill is picked from the new one', async () => {
      const store = memoryStore()
      await run(store, fakeJira([ABC1]), async (jira) => void (await moveWithFill(jira)))
      const edited = fakeJira([ABC1])
      edited.state.transitions = [
        { id: '71', name: 'Review', to: { name: 'In Review' }, screen: [RESOLVE] }
      ]
      await later(store, edited)
      expect(edited.port.transitionIssue.mock.calls).toEqual([
        ['ABC-1', '21', { prefer: PREFER }],
        ['ABC-1', '71', { resolution: 'Fixed', prefer: PREFER }]
      ])
      expect(outcome).toMatchObject({ ok: true, sent: { transitionId: '71' } })
    })

    test('no resolution the live screen offers either: no retry, the refusal carries the live list', async () => {
      const store = memoryStore()
      await run(store, fakeJira([ABC1]), async (jira) => void (await moveWithFill(jira)))
      const screened = fakeJira([ABC1])
      const strict = { ...RESOLVE, allowed: ['Duplicate'] }
      screened.state.transitions = [{ ...toReview, screen: [strict] }, toDone]
      await later(store, screened)
      // No resolution it would pick: the same request again would be refused the same way.
      expect(screened.port.transitionIssue).toHaveBeenCalledTimes(1)
      expect(outcome).toEqual({
        ok: false,
        reason: 'resolution: Resolution is required.',
        live: screened.state.transitions
      })
    })
  })

  test('a retry Jira refuses too: both sent, the refusal carries the live list and what was sent', async () => {
    const store = memoryStore()
    await run(store, fakeJira([ABC1]), async (jira) => void (await moveToReview(jira)))
    const edited = fakeJira([ABC1])
    const moved: Transition = { id: '71', name: 'Review', to: { name: 'In Review' } }
    edited.state.transitions = [moved]
    edited.state.refuse.add('71')
    let outcome: TransitionOutcome | undefined
    await run(
      store,
      edited,
      async (jira) => {
        outcome = await moveToReview(jira)
      },
      T0 + HOUR
    )
    expect(edited.port.transitionIssue.mock.calls.map((c) => c[1])).toEqual(['21', '71'])
    expect(outcome).toEqual({
      ok: false,
      reason: "Transition id '71' is not valid for this issue.",
      live: [moved],
      sent: { transitionId: '71' }
    })
  })

  test('a cached list with no way to the wanted status is read again for this issue', async () => {
    const store = memoryStore()
    const first = fakeJira([ABC1])
    first.state.transitions = [toDone] // a condition hid "Review" from ABC-1
    await run(store, first, async (jira) => {
      await jira.getIssues(['ABC-1'])
      await jira.getTransitions('ABC-1', 'Done')
    })
    const second = fakeJira([ABC2])
    await movedLater(store, second, 'ABC-2')
    expect(second.port.getTransitions).toHaveBeenCalledWith('ABC-2', 'In Review')
  })

  test('an issue whose status the run did not read: transitions from Jira', async () => {
    const fake = fakeJira([ABC1])
    await run(memoryStore(), fake, async (jira) => {
      await jira.getTransitions('ABC-1')
      await jira.getTransitions('ABC-1')
    })
    expect(fake.port.getTransitions).toHaveBeenCalledTimes(2)
  })

  test('a renamed link type: read again, linked under the new name', async () => {
    const store = memoryStore()
    await run(store, fakeJira([]), async (jira) => void (await jira.getIssueLinkTypes()))
    const renamed = fakeJira([])
    renamed.state.linkTypes = [{ ...RELATES, name: 'Related' }]
    await run(
      store,
      renamed,
      async (jira) => {
        const [type] = await jira.getIssueLinkTypes()
        await jira.linkIssues(type!.name, 'ABC-9', 'ABC-1')
        await jira.linkIssues(type!.name, 'ABC-9', 'ABC-2')
      },
      T0 + HOUR
    )
    expect(renamed.port.linkIssues.mock.calls.map((c) => c[0])).toEqual([
      'Relates',
      'Related',
      'Related'
    ])
    expect(renamed.port.getIssueLinkTypes).toHaveBeenCalledTimes(1)
  })

  test('a link failure that is not about the cached name is the caller’s failure', async () => {
    const store = memoryStore()
    await run(store, fakeJira([]), async (jira) => void (await jira.getIssueLinkTypes()))
    const failing = fakeJira([])
    failing.port.linkIssues.mockRejectedValueOnce(new Error('403 Link issues'))
    await run(
      store,
      failing,
      async (jira) => {
        await jira.getIssueLinkTypes()
        await expect(jira.linkIssues('Relates', 'ABC-9', 'ABC-1')).rejects.toThrow('403')
      },
      T0 + HOUR
    )
    expect(failing.port.linkIssues).toHaveBeenCalledTimes(1)
  })
})

describe('the login map across runs', () => {
  const ELI: JiraUser = { id: 'u-eli', displayName: 'Eli Romero', email: 'eli@acme.test' }
  const FAY: JiraUser = { id: 'u-fay', displayName: 'Fay Nakamura', email: 'fay@acme.test' }
  const github = () => ({
    findCommitAuthors: jest.fn(async (email: string) =>
      email === 'eli@acme.test' ? ['eliromero'] : []
    ),
    getUser: jest.fn(async () => null),
    getPermission: jest.fn(async () => 'write' as const)
  })

  async function resolveRun(now: number, store: ReturnType<typeof memoryStore>, users = {}) {
    const gh = github()
    const cache = openRunCache({ store, auth: AUTH, site: SITE, now: () => now })
    const resolver = createResolver(gh, users, cache.logins)
    const answers = [await resolver.resolve(ELI), await resolver.resolve(FAY)]
    await cache.save()
    return { gh, answers }
  }

  test('found and not found are remembered; not found for a day, found for a week', async () => {
    const store = memoryStore()
    const first = await resolveRun(T0, store)
    expect(first.answers).toEqual([
      { login: 'eliromero', via: 'commit email' },
      { login: null, emailHidden: false }
    ])
    expect(first.gh.findCommitAuthors).toHaveBeenCalledTimes(2)

    const next = await resolveRun(T0 + HOUR, store)
    expect(next.answers).toEqual(first.answers)
    expect(next.gh.findCommitAuthors).not.toHaveBeenCalled()
    expect(next.gh.getUser).not.toHaveBeenCalled()

    const nextDay = await resolveRun(T0 + TTL.noLogin, store)
    expect(nextDay.gh.findCommitAuthors.mock.calls).toEqual([['fay@acme.test']])

    // A week on, Eli's login is looked up again (Fay's "nobody" is a day old again by then).
    const nextWeek = await resolveRun(T0 + TTL.login, store)
    expect(nextWeek.gh.findCommitAuthors.mock.calls).toEqual([['eli@acme.test'], ['fay@acme.test']])
  })

  test('a changed Jira email, or a users table entry, wins over what is remembered', async () => {
    const store = memoryStore()
    await resolveRun(T0, store)
    const gh = github()
    const cache = openRunCache({ store, auth: AUTH, site: SITE, now: () => T0 + HOUR })
    const resolver = createResolver(gh, { 'u-fay': 'fay-n' }, cache.logins)
    expect(await resolver.resolve({ ...ELI, email: 'eli@new.test' })).toEqual({
      login: null,
      emailHidden: false
    })
    expect(await resolver.resolve(FAY)).toEqual({ login: 'fay-n', via: 'users table' })
    expect(gh.findCommitAuthors.mock.calls).toEqual([['eli@new.test']])
  })
})

describe('the entry format', () => {
  test('sections round-trip; damage or another format reads as no entry', () => {
    const sections = new Map([
      ['a', { savedAt: T0, data: Buffer.from('one') }],
      ['b', { savedAt: T0 + 1, data: Buffer.alloc(0) }]
    ])
    const encoded = encodeBundle(sections)
    expect(decodeBundle(encoded)).toEqual(sections)
    expect(decodeBundle(encoded.subarray(0, encoded.length - 1))).toBeNull()
    expect(decodeBundle(Buffer.from('{"v":1}'))).toBeNull()
  })

  test('a section nobody saved for over a week is dropped; the key names no site', async () => {
    const old = encodeBundle(
      new Map([['gitar-jira-corpus-v1-old', { savedAt: T0, data: Buffer.from('x') }]])
    )
    const store = memoryStore(old)
    await run(
      store,
      fakeJira([]),
      async (jira) => void (await jira.getIssueLinkTypes()),
      T0 + SECTION_MAX_AGE_MS + 1
    )
    expect([...decodeBundle(store.saved[0]!)!.keys()]).toEqual([METADATA_SECTION])
    expect(bundlePrefix(SITE)).toMatch(/^gitar-jira-v2-[0-9a-f]{16}$/)
  })
})
