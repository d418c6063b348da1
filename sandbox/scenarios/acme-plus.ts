/**
 * acme plus three PRs for the end-to-end tests and the benchmarks: a Dependabot bump (#44, about
 * nothing in Jira), a key-less near match of SHOP-51 (#45, a possible match under a high bar) and
 * a PR naming one key (#46, SHOP-7 in its title only). Plus the config files they run with.
 */
import { ScenarioBuilder } from '../scenario.js'
import type { Scenario } from '../state.js'
import { acme, ACME } from './acme.js'

export const ACME_PLUS = {
  dependabotPr: 44,
  nearMatchPr: 45,
  oneKeyPr: 46,
  /** No key; changes the file #46 changed for SHOP-7, in words of its own. */
  sameFilesPr: 47,
  /** `jira.projects: [SHOP]`: where key-less inference looks. */
  shopOnly: 'jira:\n  projects: [SHOP]\n',
  /** As `shopOnly`, with a bar for linking without a key that only a certain match clears. */
  suggestOnly:
    'jira:\n  projects: [SHOP]\nrules:\n  auto-link:\n    min-confidence: 1\n    suggest-confidence: 0.3\n'
} as const

export function acmePlus(): Scenario {
  return ScenarioBuilder.from(acme())
    .pr(ACME.repo, {
      number: ACME_PLUS.dependabotPr,
      title: 'Bump lodash from 4.17.20 to 4.17.21',
      body:
        'Bumps [lodash](https://github.com/lodash/lodash) from 4.17.20 to 4.17.21.\n\n' +
        '---\nupdated-dependencies:\n- dependency-name: lodash\n  dependency-type: direct:production\n',
      author: 'dependabot[bot]',
      head: { ref: 'dependabot/npm_and_yarn/lodash-4.17.21' },
      labels: ['dependencies'],
      files: [
        {
          filename: 'package.json',
          patch: '@@ -12 +12 @@\n-    "lodash": "^4.17.20",\n+    "lodash": "^4.17.21",'
        },
        {
          filename: 'package-lock.json',
          patch:
            '@@ -40,3 +40,3 @@\n-      "version": "4.17.20",\n+      "version": "4.17.21",\n       "license": "MIT"'
        }
      ],
      commits: [
        {
          message:
            'Bump lodash from 4.17.20 to 4.17.21\n\nBumps [lodash](https://github.com/lodash/lodash) from 4.17.20 to 4.17.21.',
          author: {
            name: 'dependabot[bot]',
            email: '49699333+dependabot[bot]@users.noreply.github.com',
            login: 'dependabot[bot]'
          }
        }
      ]
    })
    .pr(
      ACME.repo,
      anasPr(ACME_PLUS.nearMatchPr, 'Share button on the wishlist page', {
        body: 'Adds a button.',
        ref: 'share-button',
        file: 'src/wishlist/ShareButton.tsx',
        patch: '@@ -0,0 +1 @@\n+export const x = 1',
        message: 'feat: share button'
      })
    )
    .pr(
      ACME.repo,
      anasPr(ACME_PLUS.oneKeyPr, 'SHOP-7 Serve product images from the CDN', {
        body: 'Width-based variants; the origin stays as fallback.',
        ref: 'cdn-images',
        file: 'src/catalog/images.ts',
        patch: "@@ -0,0 +1 @@\n+export const CDN = 'https://cdn.acme.test'",
        message: 'feat(catalog): images from the CDN'
      })
    )
    .pr(
      ACME.repo,
      anasPr(ACME_PLUS.sameFilesPr, 'Fall back sooner when the edge is slow', {
        body: '',
        ref: 'edge-timeout',
        file: 'src/catalog/images.ts',
        patch: '@@ -1 +1,2 @@\n+export const EDGE_TIMEOUT_MS = 800',
        message: 'fix: shorter edge timeout'
      })
    )
    .build()
}

/** A PR of Ana's that changes one file in one commit. */
function anasPr(
  number: number,
  title: string,
  pr: { body: string; ref: string; file: string; patch: string; message: string }
) {
  return {
    number,
    title,
    body: pr.body,
    author: 'ana-lima',
    head: { ref: pr.ref },
    files: [{ filename: pr.file, patch: pr.patch }],
    commits: [
      {
        message: pr.message,
        author: { name: 'Ana Lima', email: 'ana@acme.test', login: 'ana-lima' }
      }
    ]
  }
}
