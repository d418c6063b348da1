import {
  applyDecisions,
  checkboxDecisions,
  checkboxLine,
  readDecisions,
  undecidedSince,
  withDecisionTimes
} from '../../../src/report/checkboxes.js'
import type { AppliedAction } from '../../../src/plan/actions.js'
import type { CommentEditEvent } from '../../../src/context.js'
import { parseState, writeState, type CommentState } from '../../../src/report/state.js'

const state: CommentState = {
  v: 1,
  links: [
    { key: 'ABC-1', via: 'explicit' },
    { key: 'ABC-7', via: 'inferred' },
    { key: 'ABC-8', via: 'accepted' }
  ]
}

describe('the checkboxes of the PR comment', () => {
  test('ticking a possible match accepts it; unticking an inferred or accepted link rejects it', () => {
    const body = [
      checkboxLine('ABC-7', false, 'Cart totals'),
      checkboxLine('ABC-8', true, 'Guest checkout'),
      checkboxLine('ABC-9', true, 'Payment page'),
      checkboxLine('ABC-10', false, 'Search')
    ].join('\n')
    expect(readDecisions(body, state)).toEqual({ accept: ['ABC-9'], reject: ['ABC-7'] })
  })

  test('an explicit link cannot be unticked away (its key is in the PR), and GitHub’s [X] counts', () => {
    const body = '- [ ] <!-- gitar-jira:key ABC-1 --> x\n* [X] <!-- gitar-jira:key ABC-9 --> y'
    expect(readDecisions(body, state)).toEqual({ accept: ['ABC-9'], reject: [] })
  })

  test('text edited around a box changes nothing', () => {
    const body = checkboxLine('ABC-7', true, 'someone rewrote this text **entirely**')
    expect(readDecisions(body, state)).toEqual({ accept: [], reject: [] })
  })

  test('decisions update the state: accepted links, remembered rejections', () => {
    const next = applyDecisions(state, { accept: ['ABC-9'], reject: ['ABC-7'] })
    expect(next).toEqual({
      v: 1,
      links: [
        { key: 'ABC-1', via: 'explicit' },
        { key: 'ABC-8', via: 'accepted' },
        { key: 'ABC-9', via: 'accepted' }
      ],
      rejected: ['ABC-7']
    })
    expect(applyDecisions(next, { accept: ['ABC-7'], reject: [] }).rejected).toBeUndefined()
  })

  test('a tick keeps what else the state remembers: requested reviewers, follow-ups, failed links', () => {
    const relink = [{ key: 'ABC-201', to: ['ABC-1'], tries: 1 }]
    const more = { ...state, requested: ['octocat'], followUps: ['ABC-201'], relink }
    expect(applyDecisions(more, { accept: ['ABC-9'], reject: [] })).toMatchObject({
      requested: ['octocat'],
      followUps: ['ABC-201'],
      relink
    })
  })
})

describe('the order of edits', () => {
  const T0 = '2024-05-01T10:00:00Z'
  const T1 = '2024-05-01T10:05:00Z'
  const decidedAtT0: CommentState = { ...state, decided: { 'ABC-7': T0 } }

  test('an edit carries the time GitHub gave it, unless the payload has none', () => {
    const event: CommentEditEvent = {
      kind: 'comment_edited',
      eventName: 'issue_comment',
      action: 'edited',
      owner: 'acme',
      repo: 'shop',
      prNumber: 2,
      commentId: 11,
      body: `<!-- gitar-jira:comment -->\n${checkboxLine('ABC-7', false, 'x')}\n${writeState(state)}`,
      previousBody: '',
      editedAt: T1,
      commentAuthor: 'github-actions[bot]',
      sender: 'ana'
    }
    expect(checkboxDecisions(event)).toEqual({ accept: [], reject: ['ABC-7'], at: T1 })
    expect(checkboxDecisions({ ...event, editedAt: '' })).toEqual({ accept: [], reject: ['ABC-7'] })
  })

  test('a key decided by a later edit, or by this one (a rerun), is left as it is', () => {
    for (const at of [T0, '2024-05-01T09:59:59Z']) {
      expect(undecidedSince({ accept: ['ABC-7'], reject: [], at }, decidedAtT0)).toEqual({
        decisions: { accept: [], reject: [], at },
        superseded: ['ABC-7']
      })
    }
  })

  test('a later edit decides; so do the keys of an edit of the same second that were not decided yet', () => {
    expect(undecidedSince({ accept: [], reject: ['ABC-7'], at: T1 }, decidedAtT0)).toEqual({
      decisions: { accept: [], reject: ['ABC-7'], at: T1 },
      superseded: []
    })
    // Two boxes ticked within one second: two events of the same time, the second with both.
    expect(undecidedSince({ accept: ['ABC-7', 'ABC-9'], reject: [], at: T0 }, decidedAtT0)).toEqual(
      { decisions: { accept: ['ABC-9'], reject: [], at: T0 }, superseded: ['ABC-7'] }
    )
  })

  test('a state from before decision times, or an edit without a time, is not ordered', () => {
    expect(undecidedSince({ accept: ['ABC-7'], reject: [], at: T0 }, state).superseded).toEqual([])
    expect(undecidedSince({ accept: ['ABC-7'], reject: [] }, decidedAtT0).superseded).toEqual([])
  })

  test('a decision whose link write failed is not timed: re-running the job applies it again', () => {
    const failedLink = {
      action: {
        type: 'jira.upsertRemoteLink',
        rule: 'auto-link',
        issueKey: 'ABC-9',
        link: {}
      },
      status: 'failed',
      error: 'Jira at … is unavailable'
    } as unknown as AppliedAction
    const next = withDecisionTimes(state, decidedAtT0, { accept: ['ABC-9'], reject: [], at: T1 }, [
      failedLink
    ])
    expect(next.decided).toEqual({ 'ABC-7': T0 })
  })

  test('the time of applied decisions is remembered, and every later run carries it on', () => {
    const next = withDecisionTimes(state, decidedAtT0, { accept: ['ABC-9'], reject: [], at: T1 })
    expect(next.decided).toEqual({ 'ABC-7': T0, 'ABC-9': T1 })
    // A push or a PR edit: the same state, its times included, whatever discovery rebuilt.
    expect(withDecisionTimes(state, next, undefined).decided).toEqual(next.decided)
    expect(parseState(writeState(next))?.decided).toEqual(next.decided)
    // An edit without a time leaves none.
    expect(withDecisionTimes(state, state, { accept: ['ABC-9'], reject: [] })).toEqual(state)
  })

  test("a decision time that is not one of GitHub's, or not of a key, is not read back", () => {
    const body = `<!-- gitar-jira:state ${JSON.stringify({
      v: 1,
      links: [],
      decided: { 'ABC-7': 'tomorrow', 'ABC-8': '2024-05-01T10:00:00Z --> x', abc: T0, 'ABC-9': T1 }
    })} -->`
    expect(parseState(body)?.decided).toEqual({ 'ABC-9': T1 })
  })
})
