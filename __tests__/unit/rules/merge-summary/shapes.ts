/** Real PR shapes for the merge summary's tests. */
import type { PrCommit, PrFacts, PrFile, PrReview } from '../../../../src/github/port.js'
import { prFacts } from '../../../helpers/facts.js'

export const MERGED = {
  state: 'closed' as const,
  merged: true,
  mergedAt: '2026-11-20T14:03:00Z',
  mergedBy: { login: 'ana-lima', type: 'User' },
  mergeCommitSha: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432',
  baseRef: 'main'
}

export const commit = (message: string, i = 0): PrCommit => ({
  sha: `${String(i).padStart(4, '0')}${'a1b2c3d4e5'.repeat(4)}`.slice(0, 40),
  message
})

export const file = (path: string, additions = 10, deletions = 2, status = 'modified'): PrFile => ({
  path,
  additions,
  deletions,
  status
})

export const review = (user: string, state: string, id = 1): PrReview => ({ id, user, state })

/** acme PR #42: a template with a checklist, conventional commits, an approval and a comment. */
export function cartRounding(): PrFacts {
  return prFacts(
    {
      ...MERGED,
      number: 42,
      title: 'Fix cart total rounding for discounted lines',
      htmlUrl: 'https://github.com/acme/shop/pull/42',
      body: [
        'Fixes SHOP-12.',
        '',
        'Discounted lines are now rounded one by one before they are summed, as the invoice does.',
        'Relates to SHOP-23 (tax rounding), same root cause.',
        '',
        '## Checklist',
        '- [ ] Docs updated',
        '- [x] Tests added',
        ''
      ].join('\n')
    },
    {
      commits: [
        commit('fix(cart): round discounted lines before summing (SHOP-12)', 1),
        commit('refactor(price): one formatter for cart and invoice\n\nPart of SHOP-15.', 2),
        commit('test(cart): rounding edge cases', 3)
      ],
      files: [
        file('src/cart/total.ts', 18, 6),
        file('src/cart/discount.ts', 4, 1),
        file('src/price/format.ts', 12, 20),
        file('src/price/round.ts', 25, 0, 'added'),
        file('__tests__/cart/total.test.ts', 40, 0, 'added'),
        file('assets/logo.png', 0, 0)
      ],
      reviews: [review('chenwei', 'APPROVED', 1), review('dana-k', 'COMMENTED', 2)]
    }
  )
}

/** A PR template nobody filled in. */
export const TEMPLATE_ONLY = `<!-- Thanks for contributing! Please fill in the sections below. -->
## Summary
<!-- What does this PR do and why? -->

## Type of change
- [ ] Bug fix
- [ ] New feature
- [ ] Breaking change

## How has this been tested?
<!-- Describe the tests you ran. -->

## Checklist
- [ ] I have read the CONTRIBUTING guide
- [ ] My code follows the style guidelines
- [ ] I have added tests
`

/** HTML, links of every kind and code blocks, as people paste them. */
export const RICH_BODY = `# Payment retries

Retries failed captures with **exponential backoff** (see [the RFC](https://github.com/acme/shop/blob/main/docs/rfc-12.md) and <https://stripe.com/docs/error-handling>).
Bad links stay text: [click](javascript:alert(1)), [relative](../docs/x.md), [data](data:text/html,<script>alert(1)</script>).

<details>
<summary>Why not a queue?</summary>

Because the queue is *another* moving part.
</details>

<script>alert('x')</script>
<img src="https://user-images.githubusercontent.com/1/shot.png" width="300">

![screenshot](https://user-images.githubusercontent.com/1/after.png)

\`\`\`ts
export async function capture(id: string): Promise<void> {
  for (let i = 0; i < 3; i++) await tryCapture(id, 2 ** i * 100)
}
\`\`\`

1. First
2. Second
   - nested \`code\` and ~~old~~ **bold _both_**

> Note: @team please check {{cut}} and [~accountid:123] and |table|

| Env | Retries |
| --- | ---: |
| prod | 3 |
`

export function huge(): PrFacts {
  const types = ['feat', 'fix', 'chore', 'refactor', 'test', 'docs']
  const commits = Array.from({ length: 250 }, (_, i) =>
    commit(
      `${types[i % types.length]}(area${i % 17}): change number ${i} with a fairly long subject line to take space`,
      i
    )
  )
  const files = Array.from({ length: 3000 }, (_, i) =>
    file(
      i % 5 === 0
        ? `packages/pkg${i % 40}/src/__tests__/file${i}.test.ts`
        : `packages/pkg${i % 40}/src/deep/path/file${i}.ts`,
      i % 97,
      i % 13
    )
  )
  const body = Array.from(
    { length: 200 },
    (_, i) =>
      `## Part ${i}\n\nParagraph ${i} of a very long description. ${'Lorem ipsum dolor sit amet. '.repeat(10)}\n\n- item a\n- item b\n`
  ).join('\n')
  return prFacts(
    { ...MERGED, number: 9001, title: 'Monorepo: migrate every package to ESM', body },
    {
      commits,
      commitsTruncated: true,
      files,
      filesTruncated: true,
      // GitHub's counts of the whole PR: more than the 3,000 files it lists.
      totals: { files: 3109, additions: 150_321, deletions: 20_457 },
      reviews: [review('a', 'APPROVED')]
    }
  )
}

/** `n` follow-up issues, each with a summary as long as Jira allows (255 characters). */
export function manyFollowUps(n: number): { key: string; url: string; summary: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `SHOP-${1000 + i}`,
    url: `https://acme.atlassian.net/browse/SHOP-${1000 + i}`,
    summary:
      `Unresolved review thread ${i}: ${'handle the retry backoff and the rounding of discounted lines '.repeat(4)}`.slice(
        0,
        255
      )
  }))
}

/**
 * The worst a PR can bring besides its follow-ups: a title, commit subjects and file paths far
 * longer than anyone writes, so that even the smallest lists are too long.
 */
export function monstrous(): PrFacts {
  const { pr, ...rest } = huge()
  const long = (what: string, n: number) => `${what} ${'very long words '.repeat(n)}`
  return prFacts(
    { ...pr, title: long('Monorepo: migrate every package to ESM', 15) },
    {
      ...rest,
      commits: rest.commits.map((c, i) =>
        commit(`feat(area${i}): ${long('subject', i === 0 ? 2500 : 20)}`, i)
      ),
      files: rest.files.map((f, i) =>
        file(`${long(`dir${i % 7}`, 40).replace(/ /g, '/')}/file${i}.test.ts`, i % 50, i % 9)
      )
    }
  )
}
