/**
 * A merged PR as a linkset line (`npm run linkset:export`): the keys it names are the answer and
 * leave its text, the rest of what a person wrote stays.
 */
import { linksetIssue, linksetRecord, withoutKeys } from '../../scripts/linkset-record.js'
import { jiraIssue, prFacts } from '../helpers/facts.js'

describe('withoutKeys', () => {
  test.each([
    ['SHOP-12: Fix cart rounding', 'Fix cart rounding'],
    ['[SHOP-12] Fix cart rounding', 'Fix cart rounding'],
    ['Fix cart rounding (shop-12)', 'Fix cart rounding'],
    ['Fixes SHOP-12\n\nDiscounted lines are rounded first.', 'Discounted lines are rounded first.'],
    ['Jira: https://acme.atlassian.net/browse/SHOP-12\nRounds lines.', 'Rounds lines.'],
    [
      'Relates to SHOP-23 (tax rounding), same root cause',
      'Relates to (tax rounding), same root cause'
    ]
  ])('%j → %j', (text, left) => {
    expect(withoutKeys(text, ['SHOP'])).toBe(left)
  })

  test('leaves other projects, look-alikes and lines without a key as they are', () => {
    const text = '- [ ] Docs updated\n- [x] Tests\nSee OPS-3 and XSHOP-12, UTF-8'
    expect(withoutKeys(text, ['SHOP'])).toBe(text)
  })

  test('a branch keeps its words', () => {
    expect(withoutKeys('feature/SHOP-12-cart-rounding', ['SHOP'])).not.toMatch(/SHOP|12/i)
    expect(withoutKeys('feature/SHOP-12-cart-rounding', ['SHOP'])).toContain('cart-rounding')
  })
})

describe('linksetRecord', () => {
  const facts = prFacts(
    {
      number: 42,
      title: 'Fix cart total rounding',
      body: 'Fixes SHOP-12\nRelates to SHOP-23 and OPS-4 (tax rounding).',
      headRef: 'feature/shop-12-cart-rounding',
      author: { login: 'benok' },
      createdAt: '2026-11-19T12:00:00Z',
      merged: true
    },
    {
      commits: [{ sha: 'a1b2c3d', message: 'cart: round lines (SHOP-12)\n\nSigned-off-by: Ben' }],
      files: [{ path: 'src/cart/total.ts', status: 'modified', additions: 7, deletions: 2 }]
    }
  )

  test("the project's keys are the answer, and leave the PR's text", () => {
    const record = linksetRecord(facts, ['SHOP'])
    expect(record).toMatchObject({ project: 'SHOP', key: 'SHOP-12', keys: ['SHOP-12', 'SHOP-23'] })
    expect(JSON.stringify(record?.pr)).not.toMatch(/SHOP-\d/i)
    expect(record?.pr).toMatchObject({
      title: 'Fix cart total rounding',
      body: 'Relates to and OPS-4 (tax rounding).',
      commits: ['cart: round lines\n\nSigned-off-by: Ben'],
      files: ['src/cart/total.ts'],
      files_total: 1,
      author: 'benok',
      date: '2026-11-19T12:00:00Z',
      number: 42,
      merged: true
    })
  })

  test('a PR naming no issue of the projects is no record', () => {
    expect(linksetRecord(facts, ['CORE'])).toBeNull()
    expect(linksetRecord(prFacts({ title: 'Bump lodash', body: '' }), ['SHOP'])).toBeNull()
  })
})

test('linksetIssue: the pool line as scripts/linkset.ts reads it', () => {
  const issue = jiraIssue('SHOP-12', {
    summary: 'Cart total off by one cent',
    details: {
      description: 'When a discount applies…',
      components: ['cart'],
      labels: ['money'],
      created: '2026-10-01T09:00:00.000+0000'
    }
  })
  expect(linksetIssue(issue)).toEqual({
    key: 'SHOP-12',
    summary: 'Cart total off by one cent',
    description: 'When a discount applies…',
    components: ['cart'],
    labels: ['money'],
    type: 'Story',
    status: 'In Progress',
    assignee: 'Jane Doe',
    reporter: null,
    created: '2026-10-01T09:00:00.000+0000'
  })
})
