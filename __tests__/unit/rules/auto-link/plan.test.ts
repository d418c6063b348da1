import { autoLink, titleWithKey } from '../../../../src/rules/auto-link/index.js'
import { linkedIssues } from '../../../../src/rules/auto-link/discover.js'
import { findKeyMentions } from '../../../../src/rules/auto-link/keys.js'
import { EMPTY_STATE, withLinkDigests } from '../../../../src/report/state.js'
import { facts, jiraIssue, prEvent, prFacts, settings } from '../../../helpers/facts.js'

const GLOBAL_ID = 'gitar-jira:https://github.com/acme/shop/pull/42'

describe('linkedIssues: what Jira confirmed, joined with earlier runs', () => {
  const mentions = findKeyMentions(
    { title: 'ABC-1 cart', branch: '', body: 'Uses UTF-8. See ABC-2.', commits: [] },
    ['title', 'body']
  )

  test('candidates Jira does not know are left out', () => {
    const found = [jiraIssue('ABC-1'), jiraIssue('ABC-2')]
    const linked = linkedIssues(mentions, { v: 1, links: [] }, found, settings())
    expect(linked.map((l) => [l.issue.key, l.strength, l.via])).toEqual([
      ['ABC-1', 'resolves', 'explicit'],
      ['ABC-2', 'references', 'explicit']
    ])
  })

  test('links made by inference or acceptance stay; explicit ones that left the PR do not', () => {
    const previous = {
      v: 1 as const,
      links: [
        { key: 'ABC-7', via: 'inferred' as const },
        { key: 'ABC-8', via: 'explicit' as const },
        { key: 'ABC-9', via: 'accepted' as const }
      ]
    }
    const found = [jiraIssue('ABC-1'), jiraIssue('ABC-7'), jiraIssue('ABC-8'), jiraIssue('ABC-9')]
    expect(
      linkedIssues(mentions, previous, found, settings()).map((l) => `${l.issue.key}:${l.via}`)
    ).toEqual(['ABC-1:explicit', 'ABC-7:inferred', 'ABC-9:accepted'])
  })
})

describe('auto-link plan', () => {
  const linked = [
    {
      issue: jiraIssue('ABC-1'),
      strength: 'resolves' as const,
      via: 'explicit' as const,
      sources: ['branch' as const]
    }
  ]

  test('applies to the PR events that can change what is named, and closed', () => {
    for (const action of [
      'opened',
      'reopened',
      'edited',
      'synchronize',
      'ready_for_review',
      'closed'
    ]) {
      expect(autoLink.appliesTo(prEvent({ action }), settings())).toBe(true)
    }
    expect(autoLink.appliesTo(prEvent({ action: 'labeled' }), settings())).toBe(false)
    expect(autoLink.appliesTo(prEvent(), settings({ autoLink: { enabled: false } }))).toBe(false)
  })

  test('one remote link per issue, the whole object, keyed by the PR URL', () => {
    const plan = autoLink.plan(facts({ linked }), undefined, settings())
    expect(plan.actions).toEqual([
      {
        type: 'jira.upsertRemoteLink',
        rule: 'auto-link',
        issueKey: 'ABC-1',
        link: {
          globalId: GLOBAL_ID,
          url: 'https://github.com/acme/shop/pull/42',
          title: 'acme/shop#42: Add a guest checkout',
          summary: 'Pull request open · resolves this issue',
          relationship: 'pull request',
          iconUrl: 'https://github.githubassets.com/favicons/favicon.png',
          resolved: false
        }
      }
    ])
  })

  test('a merged PR marks its links resolved', () => {
    const plan = autoLink.plan(
      facts({ linked, pr: prFacts({ merged: true, state: 'closed' }) }),
      undefined,
      settings()
    )
    expect(plan.actions[0]).toMatchObject({
      link: { resolved: true, summary: 'Pull request merged · resolves this issue' }
    })
  })

  test('a link the previous run wrote as it is now is not written again; a changed one is', () => {
    const first = autoLink.plan(facts({ linked }), undefined, settings())
    const [upsert] = first.actions
    if (upsert?.type !== 'jira.upsertRemoteLink') throw new Error('expected an upsert')
    const state = withLinkDigests(
      { v: 1, links: [{ key: 'ABC-1', via: 'explicit' }] },
      [{ action: upsert, status: 'done' }],
      EMPTY_STATE
    )
    expect(state.links[0]?.h).toMatch(/^[0-9a-f]{12}$/)

    const push = autoLink.plan(facts({ linked, previous: state }), undefined, settings())
    expect(push.actions).toEqual([])

    const merged = facts({
      linked,
      previous: state,
      pr: prFacts({ merged: true, state: 'closed' })
    })
    expect(autoLink.plan(merged, undefined, settings()).actions).toHaveLength(1)
    const retitled = facts({ linked, previous: state, pr: prFacts({ title: 'Guest checkout v2' }) })
    expect(autoLink.plan(retitled, undefined, settings()).actions).toHaveLength(1)
  })

  test('a link write that failed, or a dry run, leaves no digest: the next run writes it', () => {
    const [upsert] = autoLink.plan(facts({ linked }), undefined, settings()).actions
    if (upsert?.type !== 'jira.upsertRemoteLink') throw new Error('expected an upsert')
    const earlier = {
      v: 1 as const,
      links: [{ key: 'ABC-1', via: 'explicit' as const, h: 'aaaaaaaaaaaa' }]
    }
    // What discovery hands on: the links found now, with no digest of their own.
    const now = { v: 1 as const, links: [{ key: 'ABC-1', via: 'explicit' as const }] }
    for (const status of ['failed', 'would'] as const) {
      expect(withLinkDigests(now, [{ action: upsert, status }], earlier).links[0]).toEqual({
        key: 'ABC-1',
        via: 'explicit'
      })
    }
    expect(withLinkDigests(now, [], earlier).links[0]?.h).toBe('aaaaaaaaaaaa') // not written: kept
    // A link the earlier state did not have, and this run did not write: no digest.
    const added = {
      v: 1 as const,
      links: [...now.links, { key: 'ABC-2', via: 'inferred' as const }]
    }
    expect(withLinkDigests(added, [], earlier).links[1]).toEqual({ key: 'ABC-2', via: 'inferred' })
  })

  test('a link that is no longer in the list (key left the PR, or unticked) is removed', () => {
    const previous = {
      v: 1 as const,
      links: [
        { key: 'ABC-1', via: 'explicit' as const },
        { key: 'ABC-5', via: 'explicit' as const },
        { key: 'ABC-6', via: 'inferred' as const },
        { key: 'ABC-7', via: 'accepted' as const }
      ]
    }
    const kept = {
      issue: jiraIssue('ABC-7'),
      strength: 'references' as const,
      via: 'accepted' as const,
      sources: []
    }
    const plan = autoLink.plan(
      facts({ linked: [...linked, kept], previous }),
      undefined,
      settings()
    )
    expect(plan.actions.filter((a) => a.type === 'jira.deleteRemoteLink')).toEqual([
      { type: 'jira.deleteRemoteLink', rule: 'auto-link', issueKey: 'ABC-5', globalId: GLOBAL_ID },
      { type: 'jira.deleteRemoteLink', rule: 'auto-link', issueKey: 'ABC-6', globalId: GLOBAL_ID }
    ])
  })

  test('a removal an earlier run failed is sent again, unless the PR links the issue again', () => {
    const previous = {
      v: 1 as const,
      links: [{ key: 'ABC-1', via: 'explicit' as const }],
      unlink: ['ABC-1', 'ABC-5']
    }
    const plan = autoLink.plan(facts({ linked, previous }), undefined, settings())
    expect(plan.actions.filter((a) => a.type === 'jira.deleteRemoteLink')).toEqual([
      { type: 'jira.deleteRemoteLink', rule: 'auto-link', issueKey: 'ABC-5', globalId: GLOBAL_ID }
    ])
  })

  test('an earlier link to an issue Jira no longer answers (deleted) is not "removed": nothing is sent for it', () => {
    const previous = {
      v: 1 as const,
      links: [
        { key: 'ABC-5', via: 'explicit' as const },
        { key: 'ABC-6', via: 'inferred' as const }
      ]
    }
    const plan = autoLink.plan(
      { ...facts({ linked, previous }), vanished: ['ABC-5', 'ABC-6'] },
      undefined,
      settings()
    )
    expect(plan.actions.filter((a) => a.type === 'jira.deleteRemoteLink')).toEqual([])
  })

  test('past 250 commits a vanished key keeps its link, with a note', () => {
    const previous = { v: 1 as const, links: [{ key: 'ABC-5', via: 'explicit' as const }] }
    const plan = autoLink.plan(
      facts({ linked, previous, pr: prFacts({}, { commitsTruncated: true }) }),
      undefined,
      settings()
    )
    expect(plan.actions.some((a) => a.type === 'jira.deleteRemoteLink')).toBe(false)
    expect(plan.notes[0]?.text).toContain('ABC-5')
  })

  test('update-title prefixes the key the PR resolves, once', () => {
    const plan = autoLink.plan(
      facts({ linked }),
      undefined,
      settings({ autoLink: { updateTitle: true } })
    )
    expect(plan.actions).toContainEqual({
      type: 'github.updatePrTitle',
      rule: 'auto-link',
      prNumber: 42,
      title: 'ABC-1: Add a guest checkout',
      from: 'Add a guest checkout'
    })
    const named = [{ ...linked[0]!, sources: ['title' as const] }]
    expect(titleWithKey('ABC-1: Add a guest checkout', facts({ linked: named }))).toBe(
      'ABC-1: Add a guest checkout'
    )
  })

  test('update-title takes off the prefix it wrote for an issue a maintainer then unticked', () => {
    const plan = autoLink.plan(
      {
        ...facts({
          linked: [],
          pr: prFacts({ title: 'ABC-9: Add a guest checkout' }),
          previous: { v: 1, links: [], titled: 'ABC-9' }
        }),
        dismissed: ['ABC-9']
      },
      undefined,
      settings({ autoLink: { updateTitle: true } })
    )
    expect(plan.actions).toContainEqual({
      type: 'github.updatePrTitle',
      rule: 'auto-link',
      prNumber: 42,
      title: 'Add a guest checkout',
      from: 'ABC-9: Add a guest checkout'
    })
  })

  test('update-title leaves a dismissed key the author typed before the title, and writes no second prefix', () => {
    const typed = {
      ...facts({ linked: [], pr: prFacts({ title: 'ABC-9: Add a guest checkout' }) }),
      dismissed: ['ABC-9']
    }
    expect(titleWithKey('ABC-9: Add a guest checkout', typed)).toBe('ABC-9: Add a guest checkout')
    const inferred = [{ ...linked[0]!, via: 'inferred' as const, sources: [] }]
    expect(
      titleWithKey(
        'ABC-1: Add a guest checkout',
        facts({ linked: inferred, previous: { v: 1, links: [], titled: 'ABC-1' } })
      )
    ).toBe('ABC-1: Add a guest checkout')
  })

  test('update-title leaves the title alone when the PR resolves nothing: a key there would resolve', () => {
    const referenced = linked.map((l) => ({ ...l, strength: 'references' as const }))
    const inferred = linked.map((l) => ({
      ...l,
      strength: 'references' as const,
      via: 'inferred' as const,
      sources: []
    }))
    for (const only of [referenced, inferred]) {
      const plan = autoLink.plan(
        facts({ linked: only }),
        undefined,
        settings({ autoLink: { updateTitle: true } })
      )
      expect(plan.actions.some((a) => a.type === 'github.updatePrTitle')).toBe(false)
    }
  })
})
