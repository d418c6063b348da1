import { jest } from '@jest/globals'
import type { BlobStore } from '../../../../src/cache/store.js'
import { cacheKey, seal } from '../../../../src/cache/sealed.js'
import type { JiraIssue } from '../../../../src/jira/port.js'
import { corpusPrefix, loadCorpus, mergeCorpus } from '../../../../src/rules/auto-link/corpus.js'
import { jiraIssue } from '../../../helpers/facts.js'
import { memoryStore } from '../../../helpers/memory-store.js'

const SITE = 'https://acme.atlassian.net'
const key = cacheKey('secret', SITE)
const scope = {
  jql: 'project in ("ABC") AND (statusCategory != Done)',
  leaving: 'project in ("ABC") AND NOT (statusCategory != Done)'
}
const NOW = new Date('2026-11-27T10:00:00Z')

function fakeJira(answers: Record<string, JiraIssue[]>) {
  const searchIssues = jest.fn(async (jql: string) => {
    const answer = Object.entries(answers).find(([prefix]) => jql.startsWith(prefix))
    return answer ? answer[1] : []
  })
  return { siteUrl: SITE, searchIssues }
}

describe('the inference corpus', () => {
  test('first run: read in full (bounded), then saved sealed', async () => {
    const store = memoryStore()
    const jira = fakeJira({ [scope.jql]: [jiraIssue('ABC-1'), jiraIssue('ABC-2')] })
    const corpus = await loadCorpus({ jira, store, key, scope, now: NOW })
    expect(corpus?.how).toBe('full')
    expect(jira.searchIssues).toHaveBeenCalledWith(`${scope.jql} ORDER BY updated DESC`, {
      max: 5000,
      details: true
    })
    await corpus!.save()
    expect(store.saved).toHaveLength(1)
  })

  test('a later run reads only what changed since, and drops what left the scope', async () => {
    const stored = {
      v: 2,
      scope: scope.jql,
      syncedAt: '2026-11-27T09:00:00Z',
      issues: [jiraIssue('ABC-1'), jiraIssue('ABC-2')]
    }
    const store = memoryStore(seal(stored, key))
    const jira = fakeJira({
      [`${scope.jql} AND updated >= -65m ORDER BY updated DESC`]: [
        jiraIssue('ABC-3', { summary: 'New' })
      ],
      [`${scope.leaving} AND updated >= -65m`]: [jiraIssue('ABC-2')]
    })
    const corpus = await loadCorpus({ jira, store, key, scope, now: NOW })
    expect(corpus?.how).toBe('incremental')
    expect(corpus?.issues.map((i) => i.key)).toEqual(['ABC-3', 'ABC-1'])
    expect(jira.searchIssues).toHaveBeenCalledTimes(2)
  })

  test('with candidate-jql alone, what left it is looked for in the projects the corpus holds', async () => {
    const filter = '(project = ABC AND statusCategory != Done)'
    const alone = { jql: filter, leaving: null, filter }
    const stored = {
      v: 2,
      scope: filter,
      syncedAt: '2026-11-27T09:00:00Z',
      issues: [jiraIssue('ABC-1'), jiraIssue('ABC-2')]
    }
    const store = memoryStore(seal(stored, key))
    const jira = fakeJira({
      [`project in ("ABC") AND NOT ${filter} AND updated >= -65m`]: [jiraIssue('ABC-2')]
    })
    const corpus = await loadCorpus({ jira, store, key, scope: alone, now: NOW })
    expect(corpus?.issues.map((i) => i.key)).toEqual(['ABC-1'])
    expect(jira.searchIssues).toHaveBeenCalledWith(
      `project in ("ABC") AND NOT ${filter} AND updated >= -65m`,
      { max: 5000 }
    )
  })

  test('a full corpus gives way at its stalest end: a new issue is kept', async () => {
    const stored = Array.from({ length: 5000 }, (_, i) => jiraIssue(`ABC-${5000 - i}`))
    const merged = mergeCorpus(stored, [jiraIssue('ABC-5001'), jiraIssue('ABC-17')], [])
    expect(merged).toHaveLength(5000)
    expect(merged.slice(0, 3).map((i) => i.key)).toEqual(['ABC-5001', 'ABC-17', 'ABC-5000'])
    expect(merged.map((i) => i.key)).not.toContain('ABC-1')
    expect(merged.filter((i) => i.key === 'ABC-17')).toHaveLength(1)
  })

  test('nothing changed: nothing saved', async () => {
    const stored = {
      v: 2,
      scope: scope.jql,
      syncedAt: '2026-11-27T09:59:00Z',
      issues: [jiraIssue('ABC-1')]
    }
    const store = memoryStore(seal(stored, key))
    const corpus = await loadCorpus({ jira: fakeJira({}), store, key, scope, now: NOW })
    await corpus!.save()
    expect(store.saved).toHaveLength(0)
  })

  test('a corpus sealed with another credential, of another scope, a week old or stored by an older version is read again in full', async () => {
    for (const [stored, k] of [
      [{ v: 1, scope: scope.jql, syncedAt: '2026-11-27T09:00:00Z', issues: [] }, key],
      [
        { v: 2, scope: scope.jql, syncedAt: '2026-11-27T09:00:00Z', issues: [] },
        cacheKey('other', SITE)
      ],
      [{ v: 2, scope: 'project = OPS', syncedAt: '2026-11-27T09:00:00Z', issues: [] }, key],
      [{ v: 2, scope: scope.jql, syncedAt: '2026-11-19T09:00:00Z', issues: [] }, key]
    ] as const) {
      const corpus = await loadCorpus({
        jira: fakeJira({}),
        store: memoryStore(seal(stored, k)),
        key,
        scope,
        now: NOW
      })
      expect(corpus?.how).toBe('full')
    }
  })

  test('no cache service: no corpus (the caller falls back to one bounded search)', async () => {
    const store: BlobStore = {
      available: async () => false,
      load: async () => null,
      save: async () => undefined
    }
    expect(await loadCorpus({ jira: fakeJira({}), store, key, scope, now: NOW })).toBeNull()
  })

  test('the cache key names neither the site nor the JQL', () => {
    const prefix = corpusPrefix(SITE, scope.jql)
    expect(prefix).toMatch(/^gitar-jira-corpus-v2-[0-9a-f]{16}$/)
    expect(
      mergeCorpus([jiraIssue('A-1')], [jiraIssue('A-1', { summary: 'changed' })], []).map(
        (i) => i.summary
      )
    ).toEqual(['changed'])
  })
})
