import { applyDecisions, checkboxLine, readDecisions } from '../../../src/report/checkboxes.js'
import type { CommentState } from '../../../src/report/state.js'

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
