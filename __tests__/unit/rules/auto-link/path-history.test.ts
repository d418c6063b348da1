import { autoLink } from '../../../../src/rules/auto-link/index.js'
import { candidateOf } from '../../../../src/rules/auto-link/inference.js'
import {
  earlierPaths,
  MAX_CACHED_PATHS,
  MAX_PATHS_PER_PR,
  withPrPaths,
  withRecentPaths
} from '../../../../src/rules/auto-link/path-history.js'
import { MAX_PROPERTY_BYTES } from '../../../../src/jira/property.js'
import type { PrFile } from '../../../../src/github/port.js'
import { facts, jiraIssue, prEvent, prFacts, settings } from '../../../helpers/facts.js'

const PR = 'https://github.com/acme/shop/pull/42'
const EARLIER = 'https://github.com/acme/shop/pull/17'
const file = (path: string): PrFile => ({ path, status: 'modified', additions: 1, deletions: 0 })

/** An issue as Cloud returns it when the property is asked for: `{}` when it is unset. */
const cloudIssue = (key: string, paths?: Record<string, unknown>) =>
  jiraIssue(key, { properties: paths ? { 'gitar-jira.paths': paths } : {} })

describe('path history: the files earlier PRs of an issue changed', () => {
  test('the other PRs’ files count; the PR’s own, another repository’s and malformed entries do not', () => {
    const issue = cloudIssue('ABC-1', {
      [EARLIER]: ['src/cart.ts', 'src/tax.ts'],
      [PR]: ['src/checkout.ts'],
      'https://github.com/acme/shop/pull/3': 'not a list',
      'https://github.com/acme/shop-admin/pull/17': ['src/index.ts']
    })
    expect(earlierPaths(issue, PR)).toEqual(['src/cart.ts', 'src/tax.ts'])
    expect(candidateOf(issue, PR).linkedPaths).toEqual(['src/cart.ts', 'src/tax.ts'])
    expect(candidateOf(jiraIssue('ABC-2'), PR)).not.toHaveProperty('linkedPaths')
  })

  test('a PR’s files are added beside the earlier PRs’, at most MAX_PATHS_PER_PR of them', () => {
    const files = Array.from({ length: 150 }, (_, i) => `src/f${i}.ts`)
    const value = withPrPaths(cloudIssue('ABC-1', { [EARLIER]: ['src/cart.ts'] }), PR, files)
    expect(value?.[EARLIER]).toEqual(['src/cart.ts'])
    expect(value?.[PR]).toHaveLength(MAX_PATHS_PER_PR)
    expect(value?.[PR]?.[0]).toBe('src/f0.ts')
  })

  test('nothing to write when the issue holds the files already, or the PR changed none', () => {
    const issue = cloudIssue('ABC-1', { [PR]: ['src/cart.ts'] })
    expect(withPrPaths(issue, PR, ['src/cart.ts'])).toBeNull()
    expect(withPrPaths(issue, PR, ['src/cart.ts', 'src/tax.ts'])).not.toBeNull()
    expect(withPrPaths(cloudIssue('ABC-1'), PR, [])).toBeNull()
  })

  test('where the site does not return the property (Data Center), nothing is written', () => {
    expect(withPrPaths(jiraIssue('ABC-1'), PR, ['src/cart.ts'])).toBeNull()
  })

  test('a full property drops its oldest PRs, never the new one', () => {
    const long = Array.from({ length: 100 }, (_, i) => `src/deep/folder/module-${i}/file.ts`)
    const full = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`https://github.com/acme/shop/pull/${i + 1}`, long])
    )
    const value = withPrPaths(cloudIssue('ABC-1', full), PR, ['src/cart.ts'])!
    expect(Buffer.byteLength(JSON.stringify(value))).toBeLessThanOrEqual(MAX_PROPERTY_BYTES)
    expect(value['https://github.com/acme/shop/pull/1']).toBeUndefined()
    expect(value['https://github.com/acme/shop/pull/20']).toEqual(long)
    expect(value[PR]).toEqual(['src/cart.ts'])
  })
})

test('the cached corpus keeps the newest PRs’ files, MAX_CACHED_PATHS at most per issue', () => {
  const paths = (n: number) => Array.from({ length: 100 }, (_, i) => `src/pr${n}/f${i}.ts`)
  const history = Object.fromEntries(
    Array.from({ length: 7 }, (_, n) => [`https://github.com/acme/shop/pull/${n + 1}`, paths(n)])
  )
  const kept = earlierPaths(withRecentPaths(cloudIssue('ABC-1', history)), PR)
  expect(kept).toHaveLength(MAX_CACHED_PATHS)
  expect(kept).toContain('src/pr6/f0.ts') // the newest PR
  expect(kept).not.toContain('src/pr1/f0.ts') // the oldest ones went
  const small = cloudIssue('ABC-2', { [EARLIER]: ['src/cart.ts'] })
  expect(withRecentPaths(small)).toBe(small)
})

describe('auto-link remembers a merged PR’s files on its issues', () => {
  const linkedTo = (...issues: ReturnType<typeof jiraIssue>[]) =>
    issues.map((issue) => ({
      issue,
      strength: 'resolves' as const,
      via: 'explicit' as const,
      sources: ['title' as const]
    }))
  const merged = (linked: ReturnType<typeof linkedTo>, more = {}) =>
    facts({
      event: prEvent({ action: 'closed', merged: true, closed: true }),
      pr: prFacts({ merged: true, ...more }, { files: [file('src/cart.ts'), file('src/tax.ts')] }),
      linked
    })
  const propertyWrites = (plan: { actions: { type: string }[] }) =>
    plan.actions.filter((a) => a.type === 'jira.setIssueProperty')

  test('at the merge, each linked issue gets the property with the PR’s files', () => {
    const plan = autoLink.plan(
      merged(linkedTo(cloudIssue('ABC-1'), cloudIssue('ABC-2', { [EARLIER]: ['README.md'] }))),
      undefined,
      settings()
    )
    expect(propertyWrites(plan)).toEqual([
      {
        type: 'jira.setIssueProperty',
        rule: 'auto-link',
        issueKey: 'ABC-1',
        what: 'the files acme/shop#42 changed',
        property: 'gitar-jira.paths',
        value: { [PR]: ['src/cart.ts', 'src/tax.ts'] },
        optional: true
      },
      expect.objectContaining({
        issueKey: 'ABC-2',
        value: { [EARLIER]: ['README.md'], [PR]: ['src/cart.ts', 'src/tax.ts'] }
      })
    ])
  })

  test('not before the merge, not with inference off, not twice', () => {
    const open = facts({
      pr: prFacts({}, { files: [file('src/cart.ts')] }),
      linked: linkedTo(cloudIssue('ABC-1'))
    })
    expect(propertyWrites(autoLink.plan(open, undefined, settings()))).toEqual([])
    const off = settings({ autoLink: { infer: false } })
    expect(
      propertyWrites(autoLink.plan(merged(linkedTo(cloudIssue('ABC-1'))), undefined, off))
    ).toEqual([])
    const stored = cloudIssue('ABC-1', { [PR]: ['src/cart.ts', 'src/tax.ts'] })
    expect(propertyWrites(autoLink.plan(merged(linkedTo(stored)), undefined, settings()))).toEqual(
      []
    )
  })
})
