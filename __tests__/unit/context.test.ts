/** The run's event as the gate reads it: the runs with no PR that only refresh the cache. */
import { asReadNow, readEvent } from '../../src/context.js'
import { prEvent } from '../helpers/facts.js'

const repository = { name: 'shop', owner: { login: 'acme' }, default_branch: 'main' }
const runner = { repository: 'acme/shop', ref: 'refs/heads/main' }

describe('runs with no PR', () => {
  test('a push to the default branch, a schedule or a manual run refresh the cache', () => {
    expect(readEvent('push', { ref: 'refs/heads/main', repository }, runner)).toEqual({
      kind: 'cache_refresh',
      eventName: 'push',
      owner: 'acme',
      repo: 'shop',
      branch: 'main'
    })
    expect(readEvent('schedule', {}, runner)).toMatchObject({
      kind: 'cache_refresh',
      branch: 'main'
    })
    expect(
      readEvent('workflow_dispatch', {}, { ...runner, ref: 'refs/heads/release' })
    ).toMatchObject({ kind: 'cache_refresh', branch: 'release' })
  })

  test('a push elsewhere, a tag, or no repository: nothing to do, and why', () => {
    expect(readEvent('push', { ref: 'refs/heads/feature/x', repository }, runner)).toEqual({
      kind: 'ignored',
      eventName: 'push',
      action: '',
      reason: 'a push to feature/x, not to the default branch main'
    })
    expect(readEvent('push', { ref: 'refs/tags/v1', repository }, runner)).toMatchObject({
      kind: 'ignored',
      reason: 'the run is not on a branch of a repository'
    })
    expect(readEvent('schedule', {}, {})).toMatchObject({ kind: 'ignored' })
  })

  test('a pull request action no rule handles: nothing to do, and why', () => {
    const pullRequest = {
      number: 7,
      state: 'open',
      base: {
        ref: 'main',
        repo: { full_name: 'acme/shop', owner: { login: 'acme' }, name: 'shop' }
      },
      head: { repo: { full_name: 'acme/shop' } }
    }
    for (const action of ['labeled', 'assigned', 'review_requested', 'converted_to_draft']) {
      expect(
        readEvent('pull_request_target', { action, pull_request: pullRequest }, runner)
      ).toEqual({
        kind: 'ignored',
        eventName: 'pull_request_target',
        action,
        reason: `no rule handles a pull request being '${action}'`
      })
    }
    expect(
      readEvent('pull_request', { action: 'synchronize', pull_request: pullRequest }, runner)
    ).toMatchObject({ kind: 'pull_request', action: 'synchronize', prNumber: 7 })
  })

  test('other events stay ignored', () => {
    expect(readEvent('release', { action: 'published' }, runner)).toMatchObject({
      kind: 'ignored',
      reason: "gitar-jira does not handle 'release' events"
    })
  })
})

test('a replayed payload takes the PR as GitHub shows it now: closed, merged, a draft', () => {
  const opened = prEvent({ action: 'opened', draft: false })
  expect(asReadNow(opened, { state: 'open', merged: false, draft: true })).toEqual({
    ...opened,
    draft: true
  })
  expect(asReadNow(opened, { state: 'closed', merged: true, draft: false })).toEqual({
    ...opened,
    closed: true,
    merged: true
  })
})
