import {
  candidateOf,
  chooseInferred,
  inferLinks,
  prText
} from '../../../../src/rules/auto-link/inference.js'
import { prLabel } from '../../../../src/rules/follow-ups/fingerprint.js'
import { jiraIssue, prFacts, settings } from '../../../helpers/facts.js'

const issues = ['ABC-1', 'ABC-2', 'ABC-3', 'ABC-4'].map((key) => jiraIssue(key))
const ranked = [
  { key: 'ABC-1', score: 9, confidence: 0.93, probability: 0.93, matched: ['checkout'] },
  {
    key: 'ABC-2',
    score: 5,
    confidence: 0.5,
    probability: 0.04,
    listConfidence: 0.5,
    matched: ['cart']
  },
  {
    key: 'ABC-3',
    score: 4,
    confidence: 0.46,
    probability: 0.02,
    listConfidence: 0.5,
    matched: ['guest']
  },
  { key: 'ABC-4', score: 1, confidence: 0.1, matched: ['page'] }
]

describe('choosing what inference links and suggests', () => {
  test('at or above min-confidence: linked as referenced; between the thresholds: suggested', () => {
    const chosen = chooseInferred(ranked, issues, settings(), new Set())
    expect(chosen.linked.map((l) => [l.issue.key, l.via, l.strength, l.confidence])).toEqual([
      ['ABC-1', 'inferred', 'references', 0.93]
    ])
    expect(chosen.suggestions.map((s) => [s.issue.key, s.confidence, s.listConfidence])).toEqual([
      ['ABC-2', 0.04, 0.5],
      ['ABC-3', 0.02, 0.5]
    ])
  })

  test('infer-resolves makes a confident guess resolve the issue', () => {
    const chosen = chooseInferred(
      ranked,
      issues,
      settings({ autoLink: { inferResolves: true } }),
      new Set()
    )
    expect(chosen.linked[0]?.strength).toBe('resolves')
  })

  test('thresholds come from the config', () => {
    const strict = chooseInferred(
      ranked,
      issues,
      settings({ autoLink: { minConfidence: 0.95, suggestConfidence: 0.9 } }),
      new Set()
    )
    expect(strict.linked).toEqual([])
    expect(strict.suggestions.map((s) => s.issue.key)).toEqual(['ABC-1'])
  })

  test('dismissed and already linked issues are neither linked nor suggested', () => {
    const chosen = chooseInferred(ranked, issues, settings(), new Set(['ABC-1', 'ABC-2']))
    expect(chosen.linked).toEqual([])
    expect(chosen.suggestions.map((s) => s.issue.key)).toEqual(['ABC-3'])
  })

  test('with jira.projects set, an issue of another project is neither linked nor suggested, whatever the search returned', () => {
    const s = settings()
    s.jira.projects = ['ABC']
    const ops = [jiraIssue('OPS-1'), jiraIssue('OPS-2'), ...issues]
    const chosen = chooseInferred(
      [
        { key: 'OPS-1', score: 12, confidence: 0.97, probability: 0.97, matched: ['gateway'] },
        { key: 'OPS-2', score: 6, confidence: 0.6, probability: 0.1, matched: ['keys'] },
        ...ranked
      ],
      ops,
      s,
      new Set()
    )
    expect(chosen.linked.map((l) => l.issue.key)).toEqual(['ABC-1'])
    expect(chosen.suggestions.map((l) => l.issue.key)).toEqual(['ABC-2', 'ABC-3'])
  })

  test('the PR and the issues reach the ranker as text, end to end', () => {
    const facts = prFacts(
      {
        title: 'Guest checkout without an account',
        body: 'Shoppers pay as guests.',
        headRef: 'feature/guest-checkout'
      },
      {
        commits: [{ sha: 'a', message: 'feat(checkout): guest flow' }],
        files: [{ path: 'src/checkout/Guest.tsx', status: 'added', additions: 40, deletions: 0 }]
      }
    )
    expect(prText(facts, settings())).toMatchObject({
      branch: 'feature/guest-checkout',
      files: ['src/checkout/Guest.tsx']
    })
    const pool = [
      jiraIssue('SHOP-1', {
        summary: 'Guest checkout',
        details: {
          description: 'Let shoppers pay without an account.',
          components: ['Checkout'],
          labels: []
        }
      }),
      jiraIssue('SHOP-2', {
        summary: 'Invoice PDF missing VAT number',
        details: { description: 'Add the VAT number.', components: ['Billing'], labels: [] }
      })
    ]
    expect(candidateOf(pool[0]!)).toMatchObject({
      key: 'SHOP-1',
      components: ['Checkout'],
      statusCategory: 'indeterminate'
    })
    const chosen = inferLinks(facts, pool, settings(), new Set())
    expect([...chosen.linked, ...chosen.suggestions].map((c) => c.issue.key)[0]).toBe('SHOP-1')
  })

  test('an issue already shipped in a release before the PR was opened steps back', () => {
    const facts = prFacts({ title: 'Guest checkout', body: '', createdAt: '2026-06-01T10:00:00Z' })
    const details = (fixVersionDates?: string[]) => ({
      description: 'Let shoppers pay without an account.',
      components: [],
      labels: [],
      ...(fixVersionDates ? { fixVersionDates } : {})
    })
    const shipped = jiraIssue('SHOP-1', {
      summary: 'Guest checkout',
      details: details(['2026-03-01'])
    })
    const open = jiraIssue('SHOP-2', { summary: 'Guest checkout', details: details() })
    expect(candidateOf(shipped).fixVersionDates).toEqual(['2026-03-01'])
    const chosen = inferLinks(facts, [shipped, open], settings(), new Set())
    expect([...chosen.linked, ...chosen.suggestions].map((c) => c.issue.key)[0]).toBe('SHOP-2')
  })

  test("the PR's own follow-ups (its label) are never linked or suggested, however alike", () => {
    const facts = prFacts({ title: 'Wishlist: read-only share links', body: '' })
    const own = jiraIssue('SHOP-61', {
      summary: 'expire wishlist share links after 90 days',
      details: {
        description: 'Left as a TODO comment in acme/shop#42: wishlist share links.',
        components: [],
        labels: ['follow-up', prLabel(facts.pr.htmlUrl)]
      }
    })
    const other = jiraIssue('SHOP-51', {
      summary: 'Share wishlist with a link',
      details: { description: '', components: [], labels: [] }
    })
    const keys = (pool: (typeof own)[]) => {
      const chosen = inferLinks(facts, pool, settings(), new Set())
      return [...chosen.linked, ...chosen.suggestions].map((c) => c.issue.key)
    }
    expect(keys([own])).toEqual([])
    expect(keys([own, other])).toEqual(['SHOP-51'])
    // Another PR's follow-up is an issue like any other.
    const foreign = { ...own, details: { ...own.details!, labels: ['gitar-jira-pr-0123456789ab'] } }
    expect(keys([foreign])).toEqual(['SHOP-61'])
  })
})
