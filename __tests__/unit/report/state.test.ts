/**
 * What the comment's hidden state remembers of the follow-ups (their keys, the links that failed),
 * and what it trusts of them.
 */
import type { AppliedAction } from '../../../src/plan/actions.js'
import { withFollowUps, withRelinks } from '../../../src/report/follow-ups.js'
import type { FollowUpsView } from '../../../src/rules/follow-ups/index.js'
import { EMPTY_STATE, parseState, withTitled, writeState } from '../../../src/report/state.js'
import { pendingUnlinksNote, withPendingUnlinks } from '../../../src/report/unlinks.js'

const created = (key: string): AppliedAction => ({
  action: {
    type: 'jira.createIssue',
    rule: 'follow-ups',
    what: 'the TODO at src/a.ts:1',
    issue: {
      projectKey: 'ABC',
      issueType: 'Task',
      summary: 's',
      description: { blocks: [] },
      labels: []
    },
    relatesTo: null,
    reply: null
  },
  status: 'done',
  created: { key, id: '1', url: `https://j/browse/${key}` }
})

describe('the follow-ups the state remembers', () => {
  test('are read back as keys; anything else is dropped, and no more than 100 are kept, the newest', () => {
    const keys = Array.from({ length: 120 }, (_, n) => `ABC-${n + 1}`)
    const body = writeState({ ...EMPTY_STATE, followUps: ['x) OR 1=1', ...keys, 'ABC-120'] })
    const state = parseState(body)!
    expect(state.followUps).toHaveLength(100)
    expect(state.followUps![0]).toBe('ABC-21')
    expect(state.followUps!.at(-1)).toBe('ABC-120')
    expect(parseState(writeState(EMPTY_STATE))).not.toHaveProperty('followUps')
  })

  test('are those remembered before and those created now, the newest last', () => {
    const earlier = { ...EMPTY_STATE, followUps: ['ABC-7', 'ABC-8'] }
    expect(withFollowUps(earlier, [created('ABC-9'), created('ABC-8')]).followUps).toEqual([
      'ABC-7',
      'ABC-8',
      'ABC-9'
    ])
    expect(withFollowUps(EMPTY_STATE, [])).toEqual(EMPTY_STATE)
  })
})

describe('the "relates to" links the state remembers as failed', () => {
  const linkTry = (
    status: AppliedAction['status'],
    attempt: number,
    linkFailed?: string[]
  ): AppliedAction => ({
    action: {
      type: 'jira.linkIssues',
      rule: 'follow-ups',
      issueKey: 'ABC-7',
      linkType: 'Relates',
      keys: ['ABC-1', 'ABC-2'],
      attempt
    },
    status,
    ...(linkFailed ? { linkFailed } : {})
  })
  const view = (relink: { key: string; to: string[]; tries: number }[] = []) =>
    ({ relink }) as unknown as FollowUpsView

  test('are read back as keys with a count of tries below the limit, each follow-up once, 100 at most', () => {
    const entries = [
      { key: 'ABC-7', to: ['ABC-1', 'x) OR 1=1', 'ABC-1'], tries: 1 },
      { key: 'ABC-8', to: ['ABC-1'], tries: 3 },
      { key: 'ABC-9', to: ['ABC-1'], tries: -1 },
      { key: 'ABC-10', to: ['ABC-1'], tries: '0' },
      { key: 'ABC-11', to: [], tries: 0 },
      { key: 'nope', to: ['ABC-1'], tries: 0 },
      ...Array.from({ length: 120 }, (_, n) => ({ key: `OPS-${n + 1}`, to: ['ABC-1'], tries: 0 }))
    ]
    const state = parseState(writeState({ ...EMPTY_STATE, relink: entries as never }))!
    expect(state.relink).toHaveLength(100)
    expect(state.relink!.at(-1)).toEqual({ key: 'OPS-120', to: ['ABC-1'], tries: 0 })
    const few = parseState(writeState({ ...EMPTY_STATE, relink: entries.slice(0, 6) as never }))!
    expect(few.relink).toEqual([{ key: 'ABC-7', to: ['ABC-1'], tries: 1 }])
    expect(parseState(writeState(EMPTY_STATE))).not.toHaveProperty('relink')
  })

  test('a link that failed at creation is added; a try that failed counts, the last one gives up; one made is dropped', () => {
    const failedAtCreation: AppliedAction = {
      ...created('ABC-9'),
      status: 'warned',
      linkFailed: ['ABC-1']
    }
    const kept = { key: 'ABC-5', to: ['ABC-1'], tries: 2 }
    const earlier = { ...EMPTY_STATE, relink: [{ key: 'ABC-7', to: ['ABC-1', 'ABC-2'], tries: 0 }] }
    expect(
      withRelinks(earlier, [failedAtCreation, linkTry('warned', 1, ['ABC-2'])], view([kept])).relink
    ).toEqual([
      kept,
      { key: 'ABC-9', to: ['ABC-1'], tries: 0 },
      { key: 'ABC-7', to: ['ABC-2'], tries: 1 }
    ])
    expect(withRelinks(earlier, [linkTry('done', 1)], view())).not.toHaveProperty('relink')
    expect(withRelinks(earlier, [linkTry('warned', 3, ['ABC-2'])], view())).not.toHaveProperty(
      'relink'
    )
    // A dry run tried nothing; a run where the rule did not run keeps the state as it was.
    expect(withRelinks(earlier, [linkTry('would', 2)], view()).relink).toEqual([
      { key: 'ABC-7', to: ['ABC-1', 'ABC-2'], tries: 1 }
    ])
    expect(withRelinks(earlier, [], undefined)).toBe(earlier)
  })
})

describe('titled: the key update-title put before the title', () => {
  const update = (from: string, title: string, status: 'done' | 'failed' = 'done') =>
    ({
      action: { type: 'github.updatePrTitle', rule: 'auto-link', prNumber: 42, title, from },
      status
    }) as AppliedAction
  test('set by the update that wrote it, dropped by one that took it off, kept otherwise', () => {
    expect(withTitled(EMPTY_STATE, [update('Fix x', 'ABC-1: Fix x')]).titled).toBe('ABC-1')
    expect(
      withTitled({ ...EMPTY_STATE, titled: 'ABC-1' }, [update('ABC-1: Fix x', 'Fix x')])
    ).toEqual(EMPTY_STATE)
    expect(withTitled({ ...EMPTY_STATE, titled: 'ABC-1' }, [])).toEqual({
      ...EMPTY_STATE,
      titled: 'ABC-1'
    })
    expect(withTitled(EMPTY_STATE, [update('Fix x', 'ABC-1: Fix x', 'failed')])).toEqual(
      EMPTY_STATE
    )
  })
  test('read back from the comment; anything but a key is dropped', () => {
    const body = (titled: unknown) =>
      `<!-- gitar-jira:state ${JSON.stringify({ v: 1, links: [], titled })} -->`
    expect(parseState(body('ABC-1'))?.titled).toBe('ABC-1')
    expect(parseState(body('<script>'))).toEqual(EMPTY_STATE)
  })
})

describe('unlink: the removals that failed, for the next run to try again', () => {
  const removal = (issueKey: string, status: AppliedAction['status']): AppliedAction => ({
    action: { type: 'jira.deleteRemoteLink', rule: 'auto-link', issueKey, globalId: 'g' },
    status
  })
  const summaryRemoval = (issueKey: string, status: AppliedAction['status']): AppliedAction => ({
    action: {
      type: 'jira.deleteComment',
      rule: 'merge-summary',
      issueKey,
      what: 'the merge summary of acme/shop#42',
      commentId: '1',
      index: { property: 'p', entry: 'e', known: {} }
    },
    status
  })

  test('a failed removal is remembered; one made, or of an issue linked again, is dropped', () => {
    const earlier = { ...EMPTY_STATE, unlink: ['ABC-1', 'ABC-2', 'ABC-3', 'ABC-4'] }
    const now = { ...EMPTY_STATE, links: [{ key: 'ABC-3', via: 'accepted' as const }] }
    const state = withPendingUnlinks(now, earlier, [
      removal('ABC-1', 'done'),
      removal('ABC-2', 'failed'),
      removal('ABC-5', 'failed'),
      removal('ABC-6', 'done'),
      summaryRemoval('ABC-6', 'failed')
    ])
    // ABC-4: not tried on this run (auto-link did not run): still waiting.
    expect(state.unlink).toEqual(['ABC-2', 'ABC-4', 'ABC-5', 'ABC-6'])
    expect(pendingUnlinksNote(state)?.text).toBe(
      'ABC-2, ABC-4, ABC-5, ABC-6 are no longer linked by this PR, but removing their link to the PR or merge summary from Jira failed: the next run of this PR tries again.'
    )
  })

  test('a dry run removes nothing: what waited still waits; all made, the list is gone', () => {
    const earlier = { ...EMPTY_STATE, unlink: ['ABC-1'] }
    expect(withPendingUnlinks(EMPTY_STATE, earlier, [removal('ABC-1', 'would')]).unlink).toEqual([
      'ABC-1'
    ])
    const done = withPendingUnlinks(earlier, earlier, [removal('ABC-1', 'done')])
    expect(done).not.toHaveProperty('unlink')
    expect(pendingUnlinksNote(done)).toBeNull()
  })

  test('read back from the comment as keys, each once', () => {
    const body = writeState({ ...EMPTY_STATE, unlink: ['ABC-1', 'x) OR 1=1', 'ABC-1', 'ABC-2'] })
    expect(parseState(body)?.unlink).toEqual(['ABC-1', 'ABC-2'])
  })
})

describe('the keys the PR resolved', () => {
  const read = (resolved: unknown) =>
    parseState(`<!-- gitar-jira:state ${JSON.stringify({ v: 1, links: [], resolved })} -->`)!
  test('kept as keys, each once; an empty list is kept (it says none), an absent one stays absent', () => {
    expect(read(['ABC-1', 'ABC-1', 'nope', 7, 'OPS-2']).resolved).toEqual(['ABC-1', 'OPS-2'])
    expect(read([]).resolved).toEqual([])
    expect(read(undefined)).not.toHaveProperty('resolved')
    expect(read('ABC-1')).not.toHaveProperty('resolved')
  })
})

test('the moves the action made: issue keys to the moment, nothing else', () => {
  const moved = { 'ABC-1': 'on-open', 'ABC-2': 'on-close', 'ABC-3': 'later', nope: 'on-open' }
  const body = `<!-- gitar-jira:state ${JSON.stringify({ v: 1, links: [], moved })} -->`
  expect(parseState(body)!.moved).toEqual({ 'ABC-1': 'on-open', 'ABC-2': 'on-close' })
})

test('the block is written in one order, whatever order a run added its parts', () => {
  const a = writeState({
    v: 1,
    links: [],
    resolved: ['ABC-1'],
    followUps: ['ABC-2'],
    titled: 'ABC-1'
  })
  const b = writeState({
    v: 1,
    titled: 'ABC-1',
    followUps: ['ABC-2'],
    links: [],
    resolved: ['ABC-1']
  })
  expect(a).toBe(b)
  expect(a).toBe(
    '<!-- gitar-jira:state {"v":1,"links":[],"followUps":["ABC-2"],"titled":"ABC-1","resolved":["ABC-1"]} -->'
  )
})
