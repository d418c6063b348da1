/**
 * Key-less PRs with `jira.projects: [SHOP]`: PR #43 "Wishlist: read-only share links" is about
 * SHOP-51 "Share wishlist with a link" (assigned to its author, Dana); a Dependabot bump is about
 * nothing; a maintainer ticking a possible match's box links it; PR #47 changes the file that
 * SHOP-7's merged PR #46 changed.
 */
import { ACME_PLUS } from '../../sandbox/scenarios/acme-plus.js'
import type { Sandbox } from '../../sandbox/index.js'
import {
  ACME,
  NEAR_MATCH_PR,
  SHOP_ONLY,
  TIMEOUT,
  botComment,
  expectSuccess,
  globalId,
  issueOf,
  linksTo,
  outcome,
  parseList,
  prUrl,
  requireBundle,
  runPr,
  sandbox,
  writes
} from './helpers.js'
import {
  SUGGEST_ONLY,
  expectBumpFindsNothing,
  expectShop51LinkedOrListed,
  runCommentEdit,
  tickShop51Event
} from './stories.js'

const ONE_KEY_PR = ACME_PLUS.oneKeyPr
const SAME_FILES_PR = ACME_PLUS.sameFilesPr
const PATHS_PROPERTY = 'gitar-jira.paths'
/** Lists every candidate worth a line, so a weak one shows what matched. */
const LOW_SUGGEST_BAR = `${SHOP_ONLY}rules:\n  auto-link:\n    suggest-confidence: 0.01\n`

let sb: Sandbox
beforeAll(requireBundle)
afterEach(async () => {
  await sb.close()
})

test(
  'PR #43 without a key: SHOP-51 is linked by inference (or listed as a possible match)',
  async () => {
    sb = await sandbox({ config: SHOP_ONLY })
    const run = await runPr(sb, ACME.inferencePr, 'opened')
    expectSuccess(run)
    expectShop51LinkedOrListed(sb, run)
    // Only SHOP issues are looked at: every search names the project.
    const searches = sb.requests.filter((r) => r.path === '/rest/api/3/search/jql')
    expect(searches.length).toBeGreaterThan(0)
    for (const s of searches)
      expect(String(s.query.jql ?? (s.body as { jql?: string })?.jql)).toMatch(
        /project in \("SHOP"\)/
      )
  },
  TIMEOUT
)

test(
  'a Dependabot bump (no key): nothing linked, nothing suggested',
  async () => {
    sb = await sandbox({ config: SHOP_ONLY })
    await expectBumpFindsNothing(sb)
  },
  TIMEOUT
)

test(
  "ticking a possible match's box links it; the same edit event 3 times more changes nothing",
  async () => {
    sb = await sandbox({ config: SUGGEST_ONLY })
    expectSuccess(await runPr(sb, NEAR_MATCH_PR, 'opened'))
    const listed = botComment(sb, NEAR_MATCH_PR).body
    expect(listed).toContain('**Possible matches**')
    expect(listed).toContain('- [ ] <!-- gitar-jira:key SHOP-51 -->')
    expect(linksTo(sb, NEAR_MATCH_PR)).toEqual({})

    const edit = tickShop51Event(sb)
    const ticked = await runCommentEdit(sb, edit)
    expectSuccess(ticked)
    expect(linksTo(sb, NEAR_MATCH_PR)).toEqual({ 'SHOP-51': 1 })
    expect(parseList(ticked.outputs['linked-issues'])).toEqual(['SHOP-51'])
    const comment = botComment(sb, NEAR_MATCH_PR)
    expect(comment.body).toContain('- [x] <!-- gitar-jira:key SHOP-51 -->')
    expect(comment.body).toContain('accepted')
    expect(comment.body).not.toContain('- [ ] <!-- gitar-jira:key SHOP-51 -->')
    const link = sb.state.jira.issues
      .find((i) => i.key === 'SHOP-51')!
      .remoteLinks.find((l) => l.globalId === globalId(NEAR_MATCH_PR))
    expect(link?.object.title).toBe('acme/shop#45: Share button on the wishlist page')

    // GitHub redelivers, or the maintainer saves again: the same decision, the same state.
    const once = structuredClone(outcome(sb))
    const seen = sb.requests.length
    for (let i = 0; i < 3; i++) expectSuccess(await runCommentEdit(sb, edit))
    expect(outcome(sb)).toEqual(once)
    for (const write of writes(sb.requests.slice(seen)))
      expect(write).toBe('POST /rest/api/3/issue/SHOP-51/remotelink')
  },
  TIMEOUT
)

test(
  'a merged PR leaves its files on its issue; a later key-less PR changing them sees it',
  async () => {
    sb = await sandbox({ config: LOW_SUGGEST_BAR })
    const images = issueOf(sb, 'SHOP-7')
    expectSuccess(await runPr(sb, ONE_KEY_PR, 'opened'))
    expect(images.properties[PATHS_PROPERTY]).toBeUndefined()
    sb.mergePullRequest(ACME.repo, ONE_KEY_PR, 'ana-lima')
    expectSuccess(await runPr(sb, ONE_KEY_PR, 'closed'))
    expect(images.properties[PATHS_PROPERTY]).toEqual({
      [prUrl(ONE_KEY_PR)]: ['src/catalog/images.ts']
    })
    const merged = sb.requests.length
    expectSuccess(await runPr(sb, ONE_KEY_PR, 'closed'))
    expect(writes(sb.requests.slice(merged)).filter((w) => w.includes('/properties/'))).toEqual([])

    // PR #47 changes src/catalog/images.ts too, in words SHOP-7 barely shares.
    expectSuccess(await runPr(sb, SAME_FILES_PR, 'opened'))
    const line = botComment(sb, SAME_FILES_PR)
      .body.split('\n')
      .find((l) => l.includes('gitar-jira:key SHOP-7 '))
    expect(line).toContain('files of its earlier PRs')
  },
  TIMEOUT
)
