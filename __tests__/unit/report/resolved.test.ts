/**
 * The keys the hidden state remembers as resolved: a key whose due move did not happen is left
 * out, so the next event moves it; no more are written than a later run reads.
 */
import type { AppliedAction } from '../../../src/plan/actions.js'
import { withResolved } from '../../../src/report/resolved.js'
import { parseState, writeState, type CommentState } from '../../../src/report/state.js'

const state = (resolved: string[]): CommentState => ({ v: 1, links: [], resolved })

const move = (key: string, status: AppliedAction['status'], id: string | null = '31') =>
  ({
    action: {
      type: 'jira.transition',
      rule: 'transitions',
      issueKey: key,
      transitionId: id,
      from: 'In Progress',
      to: 'In Review',
      ...(id === null ? {} : { moment: 'on-open' })
    },
    status
  }) as AppliedAction

const ok = { failed: false }

test('a move made, or not needed, settles the key; one refused, failed, or only planned does not', () => {
  const applied = [
    move('SHOP-1', 'done'),
    move('SHOP-2', 'done', null),
    move('SHOP-3', 'warned'),
    move('SHOP-4', 'failed'),
    move('SHOP-5', 'would')
  ]
  const keys = ['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-4', 'SHOP-5', 'SHOP-6']
  expect(withResolved(state(keys), applied, state([]), ok).resolved).toEqual([
    'SHOP-1',
    'SHOP-2',
    'SHOP-6'
  ])
})

test('no transition could make the move (a warning of the plan): the key is left out', () => {
  const after = withResolved(state(['SHOP-1', 'SHOP-2']), [], state([]), {
    unmoved: ['SHOP-2'],
    failed: false
  })
  expect(after.resolved).toEqual(['SHOP-1'])
})

test('the transitions rule failed: only keys resolved before stay, no new one is recorded', () => {
  const after = withResolved(state(['SHOP-1', 'SHOP-2']), [], state(['SHOP-1']), {
    failed: true
  })
  expect(after.resolved).toEqual(['SHOP-1'])
})

describe('more than 100 resolved keys', () => {
  const keys = Array.from({ length: 120 }, (_, n) => `SHOP-${n + 1}`)

  test('the first 100 are written, and read back the same', () => {
    const written = withResolved(state(keys), [], state([]), ok)
    expect(written.resolved).toEqual(keys.slice(0, 100))
    expect(parseState(writeState(written))?.resolved).toEqual(keys.slice(0, 100))
  })
})
