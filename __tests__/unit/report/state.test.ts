/** What the comment's hidden state remembers of the follow-ups, and what it trusts of them. */
import type { AppliedAction } from '../../../src/plan/actions.js'
import { withFollowUps } from '../../../src/report/follow-ups.js'
import { EMPTY_STATE, parseState, writeState } from '../../../src/report/state.js'

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
