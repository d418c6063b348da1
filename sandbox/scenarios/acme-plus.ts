/**
 * acme plus PRs for the end-to-end tests and the benchmarks: a Dependabot bump (#44, about
 * nothing in Jira), a key-less near match of SHOP-51 (#45, a possible match under a high bar),
 * a PR naming one key (#46, SHOP-7 in its title only), a key-less PR changing #46's file (#47)
 * and a PR for SHOP-1 that leaves one TODO (#48; `TODO_PR_PUSH` is a later push adding a second).
 * Plus the config files they run with.
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
  /** SHOP-1 in its title; one file, one TODO (`TODO_PR_PUSH` adds another). */
  todoPr: 48,
  /** Follow-ups as soon as a TODO appears, all of a PR's TODOs in one issue. */
  groupedOpen:
    'jira:\n  projects: [SHOP, OPS]\nrules:\n  follow-ups:\n    when: open\n    grouping: pr\n',
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
    .pr(
      ACME.repo,
      anasPr(ACME_PLUS.todoPr, 'SHOP-1 Lazy-load product images below the fold', {
        body: 'The listing renders the first row eagerly and the rest on scroll.',
        ref: 'lazy-listing',
        file: TODO_PR_FILE,
        patch: TODO_PR_PATCH,
        message: 'perf(catalog): lazy-load listing images (SHOP-1)'
      })
    )
    .build()
}

const TODO_PR_FILE = 'src/catalog/listing.ts'
const TODO_PR_PATCH = `@@ -1,6 +1,9 @@
 import { imageUrl } from './images'
 
 export function listingImage(product: Product, index: number): ImageProps {
-  return { src: imageUrl(product), loading: 'eager' }
+  // TODO: pick the placeholder colour from the image instead of grey
+  const placeholder = '#eee'
+  return { src: imageUrl(product), loading: index < 4 ? 'eager' : 'lazy', placeholder }
 }
`

/** A later push to PR #48: a second TODO in the same file; the first one stays. */
export const TODO_PR_PUSH = {
  message: 'perf(catalog): preload the first row',
  file: TODO_PR_FILE,
  patch: `@@ -1,6 +1,11 @@
 import { imageUrl } from './images'
 
 export function listingImage(product: Product, index: number): ImageProps {
-  return { src: imageUrl(product), loading: 'eager' }
+  // TODO: pick the placeholder colour from the image instead of grey
+  const placeholder = '#eee'
+  // TODO: preload the first row only on fast connections
+  const fetchPriority = index < 4 ? 'high' : 'auto'
+  return { src: imageUrl(product), loading: index < 4 ? 'eager' : 'lazy', placeholder, fetchPriority }
 }
`
} as const

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
