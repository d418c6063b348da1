import { jest } from '@jest/globals'
import type { Settings } from '../../../../src/config/settings.js'
import type { PrFacts } from '../../../../src/github/port.js'
import type { Action } from '../../../../src/plan/actions.js'
import { adfSize, toAdf } from '../../../../src/richtext/adf.js'
import type { RichDoc } from '../../../../src/richtext/model.js'
import { areaOf, changedAreas, isTestFile } from '../../../../src/rules/merge-summary/areas.js'
import { summarizeCommits } from '../../../../src/rules/merge-summary/commits.js'
import {
  mergeSummary,
  SUMMARY_PROPERTY,
  type KnownSummaries,
  type SummaryFacts
} from '../../../../src/rules/merge-summary/index.js'
import { readCommentIndex } from '../../../../src/jira/property.js'
import { prLabel } from '../../../../src/rules/follow-ups/fingerprint.js'
import {
  approvedBy,
  buildSummary,
  fitSummary,
  GENEROUS,
  SHORTENED_NOTE,
  SUMMARY_BUDGET,
  summarySize
} from '../../../../src/rules/merge-summary/summary.js'
import { toWiki } from '../../../../src/richtext/wiki.js'
import type { LinkedIssue } from '../../../../src/rules/linked-issue.js'
import type { Ports } from '../../../../src/rules/types.js'
import { adfToText } from '../../../../sandbox/adf.js'
import { adfShapeProblems } from '../../../helpers/adf-shape.js'
import { facts, jiraIssue, prEvent, prFacts, settings } from '../../../helpers/facts.js'
import {
  MERGED,
  RICH_BODY,
  TEMPLATE_ONLY,
  cartRounding,
  commit,
  file,
  huge,
  manyFollowUps,
  monstrous,
  review
} from './shapes.js'

const merged = prEvent({ action: 'closed', merged: true, closed: true })
const PR_URL = 'https://github.com/acme/shop/pull/42'

/** A property as a version without digests wrote it: PR URL → comment id. */
const idsOnly = (ids: Record<string, string>) => ({ ids, digests: {} })
/** What gather found: the issues' properties; follow-ups on, so nothing remembered is read. */
const knowing = (known: KnownSummaries): SummaryFacts => ({ known, remembered: null })

function linked(
  key: string,
  strength: LinkedIssue['strength'],
  via: LinkedIssue['via']
): LinkedIssue {
  return { issue: jiraIssue(key), strength, via, sources: via === 'explicit' ? ['body'] : [] }
}

function summary(pr: PrFacts, strength: LinkedIssue['strength'] = 'resolves'): RichDoc {
  return fitSummary({ pr, repo: 'acme/shop', strength, followUps: [] })
}

/** What a watcher reads: the ADF's text, checked to be valid ADF first. */
function read(doc: RichDoc): string {
  const adf = toAdf(doc)
  expect(adfShapeProblems(adf)).toEqual([])
  expect(JSON.stringify(adf).length).toBeLessThanOrEqual(SUMMARY_BUDGET)
  return adfToText(adf)
}

/** Every link target in the document. */
function hrefs(doc: RichDoc): string[] {
  return [...JSON.stringify(toAdf(doc)).matchAll(/"href":"([^"]*)"/g)].map((m) => m[1]!)
}

describe('merge-summary: when', () => {
  test('the merge and every event after it (an edit, a ticked box, a rerun); not a close without merge', () => {
    const s = settings()
    expect(mergeSummary.appliesTo(merged, s)).toBe(true)
    for (const action of ['checkbox', 'edited', 'opened', 'synchronize']) {
      expect(mergeSummary.appliesTo(prEvent({ action, merged: true, closed: true }), s)).toBe(true)
    }
    expect(mergeSummary.appliesTo(prEvent({ action: 'closed', closed: true }), s)).toBe(false)
    expect(mergeSummary.appliesTo(prEvent({ action: 'opened' }), s)).toBe(false)
    expect(mergeSummary.appliesTo(prEvent({ action: 'edited' }), s)).toBe(false)
    s.rules.mergeSummary.enabled = false
    expect(mergeSummary.appliesTo(merged, s)).toBe(false)
  })
})

describe('merge-summary: plan (pure)', () => {
  const everyKind = [
    linked('SHOP-12', 'resolves', 'explicit'),
    linked('SHOP-23', 'references', 'explicit'),
    linked('SHOP-51', 'references', 'inferred'),
    linked('SHOP-60', 'references', 'accepted')
  ]

  test('one comment per linked issue, whatever the strength or how it was found', () => {
    const f = facts({ event: merged, pr: cartRounding(), linked: everyKind })
    const plan = mergeSummary.plan(f, knowing({}), settings())
    expect(
      plan.actions.map((a) => (a.type === 'jira.upsertComment' ? a.issueKey : a.type))
    ).toEqual(['SHOP-12', 'SHOP-23', 'SHOP-51', 'SHOP-60'])
    for (const action of plan.actions) {
      expect(action).toMatchObject({
        type: 'jira.upsertComment',
        rule: 'merge-summary',
        what: 'the merge summary of acme/shop#42',
        commentId: null,
        visibility: null,
        index: { property: SUMMARY_PROPERTY, entry: PR_URL, known: {} }
      })
    }
    const body = (a: Action) => (a.type === 'jira.upsertComment' ? read(a.body) : '')
    expect(body(plan.actions[0]!)).toContain('This pull request resolves this issue.')
    expect(body(plan.actions[1]!)).toContain('This pull request refers to this issue.')
  })

  test('lists the follow-ups that exist for the PR (created by this merge, or found)', () => {
    const followUps = [
      {
        key: 'SHOP-70',
        url: 'https://acme.atlassian.net/browse/SHOP-70',
        summary: 'Expire share links'
      }
    ]
    const f = facts({
      event: merged,
      pr: cartRounding(),
      linked: everyKind,
      earlier: { applied: [], followUps }
    })
    const [first] = mergeSummary.plan(f, knowing({}), settings()).actions
    const text = first?.type === 'jira.upsertComment' ? read(first.body) : ''
    expect(text).toContain('SHOP-70')
    expect(text).toContain('Expire share links')
    expect(text).not.toContain('None created by this merge')
  })

  test('a rerun edits the comment the property names; other PRs’ entries are kept', () => {
    const f = facts({ event: merged, pr: cartRounding(), linked: everyKind.slice(0, 2) })
    const known = {
      'SHOP-12': idsOnly({ [PR_URL]: '10100', 'https://github.com/acme/shop/pull/7': '10001' }),
      'SHOP-23': idsOnly({})
    }
    const [first, second] = mergeSummary.plan(f, knowing(known), settings()).actions
    expect(first).toMatchObject({ commentId: '10100', index: { known: known['SHOP-12'].ids } })
    expect(second).toMatchObject({ commentId: null })
  })

  test('a later event: a summary whose digest is remembered is not written; a changed one is, with its new digest', () => {
    const f = facts({ event: merged, pr: cartRounding(), linked: everyKind.slice(0, 1) })
    const [first] = mergeSummary.plan(f, knowing({}), settings()).actions
    const digest = first?.type === 'jira.upsertComment' ? first.digest : undefined
    expect(digest).toMatch(/^[0-9a-f]{12}$/)
    const written = { 'SHOP-12': { ids: { [PR_URL]: '10100' }, digests: { [PR_URL]: digest! } } }
    expect(mergeSummary.plan(f, knowing(written), settings()).actions).toEqual([])

    // The title edited after the merge: the summary says something new.
    const renamed = cartRounding()
    renamed.pr.title = `${renamed.pr.title} (renamed)`
    const [edit] = mergeSummary.plan({ ...f, pr: renamed }, knowing(written), settings()).actions
    expect(edit).toMatchObject({
      commentId: '10100',
      digest: expect.not.stringMatching(digest!),
      index: { known: { [PR_URL]: '10100' }, digests: { [PR_URL]: digest } }
    })
    // Written by a version without digests: planned, for the adapter to compare (once).
    expect(
      mergeSummary.plan(f, knowing({ 'SHOP-12': idsOnly({ [PR_URL]: '10100' }) }), settings())
        .actions
    ).toMatchObject([{ commentId: '10100', digest }])
    // Its visibility changed: the same text is written again.
    const s = settings()
    s.rules.mergeSummary.visibility = { type: 'group', value: 'jira-developers' }
    expect(mergeSummary.plan(f, knowing(written), s).actions).toHaveLength(1)
  })

  test('visibility restricts the comment', () => {
    const s: Settings = settings()
    s.rules.mergeSummary.visibility = { type: 'group', value: 'jira-developers' }
    const f = facts({ event: merged, pr: cartRounding(), linked: everyKind.slice(0, 1) })
    expect(mergeSummary.plan(f, knowing({}), s).actions[0]).toMatchObject({
      visibility: { type: 'group', value: 'jira-developers' }
    })
  })

  test('not merged (the PR says so): nothing', () => {
    const f = facts({ event: merged, pr: prFacts({ state: 'closed' }), linked: everyKind })
    expect(mergeSummary.plan(f, knowing({}), settings())).toEqual({ actions: [], notes: [] })
  })

  test('the same facts give the same plan (a rerun writes the same comment)', () => {
    const f = facts({ event: merged, pr: cartRounding(), linked: everyKind })
    expect(mergeSummary.plan(f, knowing({}), settings())).toEqual(
      mergeSummary.plan(f, knowing({}), settings())
    )
  })
})

describe('merge-summary: a link removed after the merge', () => {
  const previous = (keys: string[]) => ({
    v: 1 as const,
    links: keys.map((key) => ({ key, via: 'explicit' as const }))
  })

  test('the summary on the issue the PR no longer links is deleted; one it never had, nothing', () => {
    const f = facts({
      event: prEvent({ action: 'edited', merged: true, closed: true }),
      pr: cartRounding(),
      linked: [linked('SHOP-12', 'resolves', 'explicit')],
      previous: previous(['SHOP-12', 'SHOP-23', 'SHOP-24'])
    })
    const known = {
      'SHOP-12': idsOnly({ [PR_URL]: '10100' }),
      'SHOP-23': idsOnly({ [PR_URL]: '10123', 'https://github.com/acme/shop/pull/7': '10001' }),
      'SHOP-24': idsOnly({})
    }
    const actions = mergeSummary.plan(f, knowing(known), settings()).actions
    expect(actions.map((a) => [a.type, 'issueKey' in a ? a.issueKey : ''])).toEqual([
      ['jira.upsertComment', 'SHOP-12'],
      ['jira.deleteComment', 'SHOP-23']
    ])
    expect(actions[1]).toMatchObject({
      commentId: '10123',
      index: { property: SUMMARY_PROPERTY, entry: PR_URL, known: known['SHOP-23'].ids }
    })
  })

  test('past GitHub’s 250 commits an explicit key may only look gone: its summary stays', () => {
    const f = facts({
      event: prEvent({ action: 'edited', merged: true, closed: true }),
      pr: { ...cartRounding(), commitsTruncated: true },
      linked: [],
      previous: previous(['SHOP-23'])
    })
    const known = { 'SHOP-23': idsOnly({ [PR_URL]: '10123' }) }
    expect(mergeSummary.plan(f, knowing(known), settings()).actions).toEqual([])
  })

  test('gather reads the property of the issues gone too', async () => {
    const getIssueProperty = jest.fn(async () => null)
    const ports = { jira: { getIssueProperty }, github: {} } as unknown as Ports
    const f = facts({
      event: merged,
      linked: [linked('SHOP-12', 'resolves', 'explicit')],
      previous: previous(['SHOP-12', 'SHOP-23'])
    })
    expect(Object.keys((await mergeSummary.gather!(ports, f, settings())).known)).toEqual([
      'SHOP-12',
      'SHOP-23'
    ])
  })
})

describe('merge-summary: gather', () => {
  test('reads each linked issue’s property in parallel; junk counts as empty', async () => {
    const values: Record<string, unknown> = {
      'SHOP-12': {
        [PR_URL]: '10100',
        other: 12,
        evil: '1; drop',
        digests: { [PR_URL]: '0123456789ab', other: 'not a digest' }
      },
      'SHOP-23': null,
      'SHOP-51': ['not', 'a', 'map']
    }
    const getIssueProperty = jest.fn(async (key: string) => values[key] ?? null)
    const ports = { jira: { getIssueProperty }, github: {} } as unknown as Ports
    const f = facts({
      event: merged,
      linked: ['SHOP-12', 'SHOP-23', 'SHOP-51'].map((k) => linked(k, 'references', 'explicit'))
    })
    expect((await mergeSummary.gather!(ports, f, settings())).known).toEqual({
      'SHOP-12': { ids: { [PR_URL]: '10100' }, digests: { [PR_URL]: '0123456789ab' } },
      'SHOP-23': idsOnly({}),
      'SHOP-51': idsOnly({})
    })
    expect(getIssueProperty).toHaveBeenCalledWith('SHOP-12', SUMMARY_PROPERTY)
  })

  test('readCommentIndex keeps string ids only', () => {
    expect(readCommentIndex({ a: '1', b: 2, c: 'x' })).toEqual({ a: '1' })
    expect(readCommentIndex('x')).toEqual({})
  })
})

describe('merge-summary: what a watcher reads, for real PR shapes', () => {
  test('acme #42: title and link, merge, the body without the unticked box, commits by kind, areas, tests, approvals', () => {
    const doc = summary(cartRounding())
    const text = read(doc)
    expect(text).toContain('acme/shop#42: Fix cart total rounding for discounted lines')
    expect(hrefs(doc)).toContain(PR_URL)
    expect(text).toContain('Merged by ana-lima into main as 9f8e7d6 on 2026-11-20.')
    expect(hrefs(doc)).toContain(
      'https://github.com/acme/shop/commit/9f8e7d6c5b4a39281706f5e4d3c2b1a098765432'
    )
    expect(text).toContain('Approved by chenwei')
    expect(text).not.toContain('dana-k') // commented, did not approve
    expect(text).toContain('Discounted lines are now rounded one by one')
    expect(text).toContain('☑ Tests added')
    expect(text).not.toContain('Docs updated')
    expect(text).toMatch(
      /Fixes \(1\)\ncart: round discounted lines before summing \(SHOP-12\) 0001/
    )
    expect(text).toContain('Refactoring (1)')
    expect(text).toContain('Tests (1)')
    expect(text).toContain('Changed areas: 6 files, +99 −27')
    expect(text).toContain('src/price 2 files, +37 −20')
    expect(text).toContain('__tests__/cart/total.test.ts added, +40 −0')
    expect(text).toContain('Follow-ups\nNone created by this merge.')
  })

  test('a template nobody filled: no empty sections, no unticked boxes, no hints', () => {
    const text = read(summary(prFacts({ ...MERGED, body: TEMPLATE_ONLY })))
    expect(text).toContain('What changed\nNo description.')
    for (const gone of [
      'Summary',
      'Type of change',
      'Bug fix',
      'How has this been tested',
      'CONTRIBUTING',
      'Thanks'
    ]) {
      expect(text).not.toContain(gone)
    }
  })

  test('an empty body and no commits, files or reviews', () => {
    const text = read(
      summary(prFacts({ ...MERGED, body: '', mergedBy: null, mergeCommitSha: null }))
    )
    expect(text).toContain('Merged into main on 2026-11-20.')
    expect(text).toContain('No description.')
    expect(text).toContain('Approved by nobody: merged without an approving review.')
    expect(text).not.toContain('Commits')
  })

  test('commits without Conventional Commits: one plain list; merge commits left out', () => {
    const pr = prFacts(MERGED, {
      commits: [
        commit('Add the retry loop', 1),
        commit("Merge branch 'main' into feature/retry", 2),
        commit('fix: typo', 3),
        commit('Address review comments', 4)
      ]
    })
    const text = read(summary(pr))
    expect(text).toContain('Commits (3)')
    expect(text).toContain('Add the retry loop')
    expect(text).toContain('fix: typo') // as written: the PR does not use the convention
    expect(text).not.toContain('Fixes (')
    expect(text).not.toContain("Merge branch 'main'")
    expect(text).toContain('1 merge commit not listed.')
  })

  test('a huge PR (3,000 files, 250 commits, a long body) is cut with "… and N more" and fits', () => {
    const doc = summary(huge())
    const size = adfSize(doc)
    expect(size).toBeLessThanOrEqual(SUMMARY_BUDGET)
    expect(size).toBeGreaterThan(SUMMARY_BUDGET / 3) // cut, not emptied
    const text = read(doc)
    expect(text).toContain('Commits (250+)')
    expect(text).toMatch(/… and \d+ more commits/)
    expect(text).toContain('GitHub lists the first 250 commits only')
    expect(text).toContain('Changed areas: 3,109 files, +150,321 −20,457')
    expect(text).toContain('By area, the first 3,000 files (GitHub lists no more):')
    expect(text).toMatch(/Tests: [\d,]+ files touched in the first 3,000 files/)
    expect(text).toMatch(/… and \d+ more areas/)
    expect(text).toMatch(/… and \d+ more test files/)
    expect(text).toMatch(/… and \d+ more blocks/)
    expect(text).toContain('Follow-ups')
  })

  test('one enormous code block is cut to fit', () => {
    const body = `Log:\n\n\`\`\`\n${'x'.repeat(120)}\n`.repeat(1) + 'line\n'.repeat(20000) + '```\n'
    const text = read(summary(prFacts({ ...MERGED, body })))
    expect(text).toMatch(/… \([\d,]+ more lines\)/)
  })

  test('a huge body that is one paragraph still fits', () => {
    const text = read(summary(prFacts({ ...MERGED, body: 'word '.repeat(40000) })))
    expect(text).toContain('word word')
  })

  test('400 follow-ups: the first ones listed, the rest counted; it fits Jira on both flavours', () => {
    const doc = fitSummary({
      pr: huge(),
      repo: 'acme/shop',
      strength: 'resolves',
      followUps: manyFollowUps(400)
    })
    expect(summarySize(doc)).toBeLessThanOrEqual(SUMMARY_BUDGET)
    expect(JSON.stringify(toAdf(doc)).length).toBeLessThan(32_767)
    expect(toWiki(doc).length).toBeLessThan(32_767)
    const text = read(doc)
    expect(text).toContain('acme/shop#9001: Monorepo: migrate every package to ESM')
    expect(text).toContain('Follow-ups')
    expect(text).toContain('SHOP-1000 Unresolved review thread 0')
    expect(text).toMatch(/… and 3\d\d more follow-ups: see this issue’s links, or the pull request/)
    expect(text).not.toContain('SHOP-1399')
    expect(text).toContain('Written by gitar-jira when acme/shop#9001 was merged')
  })

  test('too long even at the smallest limits: cut short, with a note pointing to the PR', () => {
    const input = {
      pr: monstrous(),
      repo: 'acme/shop',
      strength: 'resolves' as const,
      followUps: manyFollowUps(400)
    }
    const doc = fitSummary(input)
    expect(summarySize(doc)).toBeLessThanOrEqual(SUMMARY_BUDGET)
    expect(JSON.stringify(toAdf(doc)).length).toBeLessThan(32_767)
    const text = read(doc)
    expect(text).toContain('acme/shop#9001: Monorepo: migrate every package to ESM')
    expect(text).toContain(`${SHORTENED_NOTE}: the full details are in the pull request.`)
    expect(hrefs(doc)).toContain(input.pr.pr.htmlUrl)
    expect(text).toContain('Written by gitar-jira when acme/shop#9001 was merged')
    // Cut from the smallest limits, each section kept as far as it fits.
    expect(text).toContain('Commits (250+)')
    expect(text).toContain('area0: subject very long words')
    expect(text).toContain('Tests: 3,000 files touched in the first 3,000 files')
    expect(text).toContain('… and 400 more follow-ups')
    expect(text.indexOf(SHORTENED_NOTE)).toBeGreaterThan(text.indexOf('Follow-ups'))
    // The same input gives the same comment: a rerun finds nothing to change.
    const again = fitSummary(input)
    expect(again).toEqual(doc)
    expect(toWiki(again)).toBe(toWiki(doc))
  })

  test('the cut stays under a smaller budget too, down to the note alone', () => {
    const input = {
      pr: monstrous(),
      repo: 'acme/shop',
      strength: 'references' as const,
      followUps: manyFollowUps(400)
    }
    for (const budget of [3000, 600]) {
      const doc = fitSummary(input, budget)
      expect(summarySize(doc)).toBeLessThanOrEqual(budget)
      expect(read(doc)).toContain(SHORTENED_NOTE)
    }
  })

  test('Data Center: wiki markup escapes {, ?, -, _…, and still fits where ADF alone would', () => {
    // Template placeholders: every character escaped, the wiki twice as long as the text.
    const body = Array.from({ length: 18 }, () => '{?}'.repeat(467)).join('\n\n')
    const pr = prFacts({ ...MERGED, body })
    const plain = fitSummary({ pr, repo: 'acme/shop', strength: 'resolves', followUps: [] })
    expect(adfSize(plain)).toBeLessThanOrEqual(SUMMARY_BUDGET)
    expect(toWiki(plain).length).toBeLessThanOrEqual(SUMMARY_BUDGET)
    expect(toWiki(plain)).toMatch(/^h3\. \[acme\/shop\\#42: /)

    const followUps = manyFollowUps(400).map((f) => ({ ...f, summary: '_-'.repeat(127) }))
    const many = fitSummary({ pr, repo: 'acme/shop', strength: 'resolves', followUps })
    const wiki = toWiki(many)
    expect(wiki.length).toBeLessThanOrEqual(SUMMARY_BUDGET)
    expect(adfSize(many)).toBeLessThanOrEqual(SUMMARY_BUDGET)
    expect(wiki).toMatch(/^h3\. \[acme\/shop\\#42: /)
    expect(wiki).toContain('h4. Follow\\-ups')
    expect(wiki).toMatch(/more follow\\-ups/)
  })

  test('non-ASCII text survives as it is', () => {
    const pr = prFacts(
      {
        ...MERGED,
        title: 'Panier : arrondi des remises — 割引の丸め 🎉',
        body: '## Résumé\n\nСумма корзины, עגלה, Straße ✅\n\n- [x] テスト追加'
      },
      {
        commits: [commit('feat(panier): arrondi ligne par ligne ✨', 1)],
        files: [file('src/präsentation/Übersicht.tsx')]
      }
    )
    const text = read(summary(pr))
    expect(text).toContain('Panier : arrondi des remises — 割引の丸め 🎉')
    expect(text).toContain('Résumé')
    expect(text).toContain('Сумма корзины, עגלה, Straße ✅')
    expect(text).toContain('☑ テスト追加')
    expect(text).toContain('panier: arrondi ligne par ligne ✨')
    expect(text).toContain('src/präsentation')
  })

  test('HTML, links and code blocks: faithful where safe, inert everywhere', () => {
    const doc = summary(prFacts({ ...MERGED, body: RICH_BODY }))
    const adf = JSON.stringify(toAdf(doc))
    const text = read(doc)
    expect(text).toContain('Payment retries')
    expect(adf).toContain('"type":"heading","attrs":{"level":5}') // # → below the summary's own headings
    expect(adf).toContain(
      '{"type":"text","text":"exponential backoff","marks":[{"type":"strong"}]}'
    )
    expect(hrefs(doc)).toEqual(
      expect.arrayContaining([
        'https://github.com/acme/shop/blob/main/docs/rfc-12.md',
        'https://stripe.com/docs/error-handling',
        'https://user-images.githubusercontent.com/1/after.png'
      ])
    )
    for (const href of hrefs(doc)) expect(href).toMatch(/^https?:\/\//)
    expect(text).toContain('Bad links stay text: click, relative, data.')
    expect(text).toContain('Because the queue is another moving part.')
    expect(text).not.toContain('<script>')
    expect(text).not.toContain('<details>')
    expect(adf).toContain('"type":"codeBlock","attrs":{"language":"ts"}')
    expect(text).toContain('for (let i = 0; i < 3; i++) await tryCapture(id, 2 ** i * 100)')
    expect(adf).toContain('"type":"orderedList"')
    expect(adf).toContain('{"type":"text","text":"code","marks":[{"type":"code"}]}')
    expect(adf).toContain('"marks":[{"type":"strike"}]')
    expect(adf).toContain('"type":"blockquote"')
    expect(adf).toContain('"type":"table"')
    // Mentions, macros and wiki links are plain text in ADF: no mention node, nothing rendered.
    expect(adf).not.toContain('"type":"mention"')
    expect(text).toContain('@team please check {{cut}} and [~accountid:123] and |table|')
  })

  test('approvals: the latest decisive review of each reviewer counts', () => {
    expect(
      approvedBy([
        review('a', 'APPROVED', 1),
        review('b', 'APPROVED', 2),
        review('b', 'CHANGES_REQUESTED', 3),
        review('c', 'CHANGES_REQUESTED', 4),
        review('c', 'APPROVED', 5),
        review('a', 'COMMENTED', 6),
        review('d', 'DISMISSED', 7)
      ])
    ).toEqual(['a', 'c'])
  })
})

describe('merge-summary: commits, areas, tests', () => {
  test('conventional commits: grouped in a fixed order, scope and breaking kept', () => {
    const s = summarizeCommits([
      commit('chore: bump', 1),
      commit('feat(api)!: drop v1', 2),
      commit('fix: x', 3),
      commit('feat: y\n\nBREAKING CHANGE: z', 4),
      commit('Update README', 5)
    ])
    expect(s.conventional).toBe(true)
    expect(s.groups.map((g) => [g.title, g.commits.length])).toEqual([
      ['Features', 2],
      ['Fixes', 1],
      ['Chores', 1],
      ['Other', 1]
    ])
    expect(s.groups[0]!.commits[0]).toMatchObject({
      scope: 'api',
      subject: 'drop v1',
      breaking: true
    })
    expect(s.groups[0]!.commits[1]).toMatchObject({ subject: 'y', breaking: true })
  })

  test('areas: top folders, one deeper under containers; root files together', () => {
    expect(areaOf('README.md')).toBe('(root)')
    expect(areaOf('docs/guide.md')).toBe('docs')
    expect(areaOf('src/cart/total.ts')).toBe('src/cart')
    expect(areaOf('src/index.ts')).toBe('src')
    expect(areaOf('packages/api/src/x.ts')).toBe('packages/api')
    expect(
      changedAreas([file('a/x', 1, 1), file('b/x', 5, 0), file('b/y', 1, 0)]).map((a) => a.name)
    ).toEqual(['b', 'a'])
  })

  test.each([
    ['__tests__/cart/total.test.ts', true],
    ['src/cart/total.spec.tsx', true],
    ['pkg/server/handler_test.go', true],
    ['tests/test_cart.py', true],
    ['app/src/test/java/com/acme/CartTest.java', true],
    ['spec/models/cart_spec.rb', true],
    ['src/cart/total.ts', false],
    ['src/contest/latest.ts', false],
    ['docs/testing.md', false]
  ])('%s is a test file: %s', (path, expected) => {
    expect(isTestFile(path)).toBe(expected)
  })
})

describe('merge-summary: details a watcher notices', () => {
  test('line counts have thousands separators, as file counts do', () => {
    const pr = prFacts(MERGED, { files: [file('src/gen/big.ts', 29_917, 1_250)] })
    const text = read(summary(pr))
    expect(text).toContain('Changed areas: 1 file, +29,917 −1,250')
    expect(text).toContain('src/gen 1 file, +29,917 −1,250')
  })

  test('Data Center: bold labels and commit scopes render as bold, not as asterisks', () => {
    const pr = prFacts(MERGED, {
      commits: [commit('fix(cart): round discounted lines', 1)],
      reviews: [review('chenwei', 'APPROVED')]
    })
    const wiki = toWiki(summary(pr))
    expect(wiki).toContain('*Approved by* [chenwei|https://github.com/chenwei]')
    expect(wiki).toMatch(/^\* \*cart:\* round discounted lines/m)
  })
})

describe('merge-summary: links to people', () => {
  const bots = prFacts(
    { ...MERGED, mergedBy: { login: 'github-actions[bot]', type: 'Bot' } },
    { reviews: [review('renovate[bot]', 'APPROVED'), review('chenwei', 'APPROVED', 2)] }
  )

  test('a bot links to its app’s page (it has no profile), a person to their profile', () => {
    const doc = summary(bots)
    expect(read(doc)).toContain('Merged by github-actions[bot] into main')
    expect(read(doc)).toContain('Approved by renovate[bot], chenwei')
    expect(hrefs(doc)).toEqual(
      expect.arrayContaining([
        'https://github.com/apps/github-actions',
        'https://github.com/apps/renovate',
        'https://github.com/chenwei'
      ])
    )
    expect(hrefs(doc).filter((h) => /%5B|\[bot\]/.test(h))).toEqual([])
  })

  test('the page GitHub gives for the account wins', () => {
    const pr = prFacts(
      { ...MERGED, mergedBy: { login: 'mergify[bot]', htmlUrl: 'https://ghe.test/apps/mergify' } },
      { reviews: [{ ...review('dana-k', 'APPROVED'), userUrl: 'https://ghe.test/dana-k' }] }
    )
    expect(hrefs(summary(pr))).toEqual(
      expect.arrayContaining(['https://ghe.test/apps/mergify', 'https://ghe.test/dana-k'])
    )
  })
})

describe('merge-summary: commits and code as written', () => {
  test('a long code block is cut at the end of a line, never inside one', () => {
    const sql = 'SELECT * FROM t;\n'.repeat(30)
    const body = `${'Words of the description. '.repeat(6)}\n\n\`\`\`sql\n${sql}\`\`\``
    const doc = buildSummary(
      { pr: prFacts({ ...MERGED, body }), repo: 'acme/shop', strength: 'resolves', followUps: [] },
      { ...GENEROUS, chars: 200 }
    )
    const code = doc.blocks.find((b) => b.type === 'codeBlock')
    const lines = code?.type === 'codeBlock' ? code.text.split('\n') : []
    expect(lines.slice(0, -1).every((l) => l === 'SELECT * FROM t;')).toBe(true)
    expect(lines.length - 1).toBe(11) // 11 whole lines of 17 characters fit in 200
    expect(lines.at(-1)).toBe('… (19 more lines)')
  })

  test('one line longer than the limit is cut, with a mark that it was', () => {
    const body = `\`\`\`\n${'x'.repeat(500)}\nnext\n\`\`\``
    const doc = buildSummary(
      { pr: prFacts({ ...MERGED, body }), repo: 'acme/shop', strength: 'resolves', followUps: [] },
      { ...GENEROUS, chars: 100 }
    )
    const code = doc.blocks.find((b) => b.type === 'codeBlock')
    expect(code?.type === 'codeBlock' && code.text).toBe(`${'x'.repeat(100)}…\n… (1 more line)`)
  })

  test('GitHub’s revert commits go under Reverts, with the subject they revert', () => {
    const pr = prFacts(MERGED, {
      commits: [
        commit('Revert "feat(cart): coupons"\n\nThis reverts commit abc.', 1),
        commit('Revert "fix: y"', 2),
        commit('feat: z', 3),
        commit('fix: w', 4)
      ]
    })
    const text = read(summary(pr))
    expect(text).toMatch(/Reverts \(2\)\nfeat\(cart\): coupons 0001\S*\nfix: y 0002/)
    expect(text).not.toContain('Other')
  })

  test('an empty message, or one with a body only, still says something', () => {
    const pr = prFacts(MERGED, {
      commits: [commit('', 1), commit('\n\nbody only', 2), commit('Tidy up', 3)]
    })
    const text = read(summary(pr))
    expect(text).toMatch(/\(no message\) 0001/)
    expect(text).toMatch(/body only 0002/)
  })

  test('only merge commits: the Commits section stays, with its note', () => {
    const pr = prFacts(MERGED, {
      commits: [
        commit("Merge branch 'main' into release/2.0", 1),
        commit('Merge pull request #129 from acme/fix\n\nfix: y', 2)
      ]
    })
    expect(read(summary(pr))).toContain('Commits\n2 merge commits not listed.')
  })
})

describe('merge-summary: follow-ups turned off', () => {
  test('no Follow-ups section: nothing is claimed of issues the run does not look for', () => {
    const f = facts({
      event: merged,
      pr: cartRounding(),
      linked: [linked('SHOP-12', 'resolves', 'explicit')],
      earlier: { applied: [], followUps: null }
    })
    const off = settings()
    off.rules.followUps.enabled = false
    const [action] = mergeSummary.plan(f, knowing({}), off).actions
    const text = action?.type === 'jira.upsertComment' ? read(action.body) : ''
    expect(text).toContain('Tests: ')
    expect(text).not.toContain('Follow-ups')
    expect(text).not.toContain('None created')
    expect(text).toMatch(/Written by gitar-jira when acme\/shop#42 was merged/)
  })

  const followUp = {
    key: 'SHOP-70',
    url: 'https://acme.atlassian.net/browse/SHOP-70',
    summary: 'Expire share links'
  }
  const off = () => {
    const s = settings()
    s.rules.followUps.enabled = false
    return s
  }
  /** The digest of the summary the merge's run wrote on SHOP-12, follow-ups on, listing `listed`. */
  function writtenAtMerge(listed: (typeof followUp)[]) {
    const f = facts({
      event: merged,
      pr: cartRounding(),
      linked: [linked('SHOP-12', 'resolves', 'explicit')],
      earlier: { applied: [], followUps: listed }
    })
    const [action] = mergeSummary.plan(f, knowing({}), settings()).actions
    const digest = action?.type === 'jira.upsertComment' ? action.digest! : ''
    return { 'SHOP-12': { ids: { [PR_URL]: '10100' }, digests: { [PR_URL]: digest } } }
  }
  const later = (pr = cartRounding()) =>
    facts({
      event: prEvent({ action: 'edited', merged: true, closed: true }),
      pr,
      linked: [linked('SHOP-12', 'resolves', 'explicit')],
      earlier: { applied: [], followUps: null }
    })

  test('turned off after the merge: the summary keeps the follow-ups it listed, and is not rewritten for it', () => {
    const known = writtenAtMerge([followUp])
    expect(mergeSummary.plan(later(), { known, remembered: [followUp] }, off()).actions).toEqual([])

    // A title edited since: rewritten, the follow-ups still listed.
    const renamed = cartRounding()
    renamed.pr.title = `${renamed.pr.title} (renamed)`
    const [edit] = mergeSummary.plan(
      later(renamed),
      { known, remembered: [followUp] },
      off()
    ).actions
    const text = edit?.type === 'jira.upsertComment' ? read(edit.body) : ''
    expect(text).toContain('(renamed)')
    expect(text).toContain('SHOP-70 Expire share links')
  })

  test('turned off after a merge that created none: "None created by this merge" is not rewritten away', () => {
    const known = writtenAtMerge([])
    expect(mergeSummary.plan(later(), { known, remembered: [] }, off()).actions).toEqual([])
  })

  test('gather, follow-ups off: the follow-ups the state remembers, in one read, only those of this PR', async () => {
    const issue = (key: string, summary: string, labels: string[]) => ({
      ...jiraIssue(key),
      summary,
      url: `https://acme.atlassian.net/browse/${key}`,
      details: { labels }
    })
    const ofPr = prLabel(PR_URL)
    const getIssues = jest.fn(async () => [
      issue('SHOP-71', 'Retry the upload', [ofPr]),
      issue('SHOP-70', 'Expire share links', ['follow-up', ofPr]),
      issue('SHOP-99', 'Payroll export', ['secret'])
    ])
    const getIssueProperty = jest.fn(async () => null)
    const ports = { jira: { getIssueProperty, getIssues }, github: {} } as unknown as Ports
    const f = facts({
      event: merged,
      linked: [linked('SHOP-12', 'resolves', 'explicit')],
      previous: { v: 1, links: [], followUps: ['SHOP-70', 'SHOP-71', 'SHOP-99'] }
    })
    expect((await mergeSummary.gather!(ports, f, off())).remembered).toEqual([
      followUp,
      {
        key: 'SHOP-71',
        url: 'https://acme.atlassian.net/browse/SHOP-71',
        summary: 'Retry the upload'
      }
    ])
    expect(getIssues).toHaveBeenCalledTimes(1)
    expect(getIssues).toHaveBeenCalledWith(['SHOP-70', 'SHOP-71', 'SHOP-99'], { details: true })

    // Follow-ups on: its own account counts; nothing is read.
    getIssues.mockClear()
    expect((await mergeSummary.gather!(ports, f, settings())).remembered).toBeNull()
    expect(getIssues).not.toHaveBeenCalled()
  })

  test('follow-ups on but failed on this run: no summary is written or rewritten without them', () => {
    const f = facts({
      event: merged,
      pr: cartRounding(),
      linked: [linked('SHOP-12', 'resolves', 'explicit')],
      earlier: { applied: [], followUps: null }
    })
    const known = { 'SHOP-12': idsOnly({ [f.pr.pr.htmlUrl]: '10001' }) }
    const plan = mergeSummary.plan(f, knowing(known), settings())
    expect(plan.actions).toEqual([])
    expect(plan.notes).toEqual([
      {
        level: 'info',
        text: 'The merge summaries are not written on this run: follow-ups failed, and the summaries list them. The next run writes them.'
      }
    ])
  })
})
