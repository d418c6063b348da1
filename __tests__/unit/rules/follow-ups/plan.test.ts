/** The follow-ups plan (pure): what is created, found, pending or tracked, and when. */
import { facts, jiraIssue, prEvent, prFacts } from '../../../helpers/facts.js'
import { trustOf } from '../../../../src/rules/author-trust.js'
import {
  creates,
  followUpsConfig,
  foundFollowUps,
  linkedTo,
  reviewThread
} from '../../../helpers/follow-ups.js'
import type { ReviewThread } from '../../../../src/github/port.js'
import type { Action } from '../../../../src/plan/actions.js'
import { asReadNow } from '../../../../src/context.js'
import { followUps, planFollowUps } from '../../../../src/rules/follow-ups/index.js'
import {
  additionEntry,
  groupLabel,
  prLabel,
  threadLabel,
  todoLabel
} from '../../../../src/rules/follow-ups/fingerprint.js'
import type { FoundTodo } from '../../../../src/rules/follow-ups/todos.js'
import { relinks } from '../../../../src/rules/follow-ups/relates.js'
import { followUpsBlock } from '../../../../src/report/follow-ups.js'
import { adfSize, toAdf } from '../../../../src/richtext/adf.js'
import { DESCRIPTION_BUDGET } from '../../../../src/rules/follow-ups/describe.js'
import type { RunReport } from '../../../../src/report/model.js'

const todo = (text: string, line = 5, tracks: string | null = null): FoundTodo => ({
  path: 'src/a.ts',
  line,
  tag: 'TODO',
  text,
  names: tracks ? [tracks] : [],
  tracks,
  context: { start: line, lines: [`// TODO: ${text}`] }
})

const thread = reviewThread

const config = followUpsConfig

const LINKED = linkedTo('ABC-1')
const merged = (threads: ReviewThread[] = []) =>
  facts({
    event: prEvent({ action: 'closed', merged: true, closed: true }),
    pr: prFacts({ merged: true, state: 'closed', mergeCommitSha: 'm'.repeat(40) }, { threads }),
    linked: LINKED
  })
const open = (threads: ReviewThread[] = []) =>
  facts({ pr: prFacts({}, { threads }), linked: LINKED })

const found = foundFollowUps
const additions = (actions: Action[]) =>
  actions.flatMap((a) => (a.type === 'jira.addToIssue' ? [a] : []))

describe('appliesTo', () => {
  test('PR events and the merge, not a close without merge, not when disabled', () => {
    expect(followUps.appliesTo(prEvent({ action: 'opened' }), config())).toBe(true)
    expect(
      followUps.appliesTo(prEvent({ action: 'closed', closed: true, merged: true }), config())
    ).toBe(true)
    expect(followUps.appliesTo(prEvent({ action: 'closed', closed: true }), config())).toBe(false)
    expect(followUps.appliesTo(prEvent(), config({ enabled: false }))).toBe(false)
  })

  test('after the merge, a later event (an edit, a ticked box) lists the follow-ups; after a close without merge, none does', () => {
    const later = (action: string, merged: boolean) =>
      followUps.appliesTo(prEvent({ action, closed: true, merged }), config())
    expect(later('edited', true)).toBe(true)
    expect(later('checkbox', true)).toBe(true)
    expect(later('edited', false)).toBe(false)
  })
})

describe('a run after the merge that is not the merge run', () => {
  const MERGED_AT = '2026-11-20T12:00:00Z'
  const at = (createdAt: string) =>
    thread(createdAt, {
      comments: [
        { id: 'c1', author: 'dana', body: 'Round shipping too?', url: 'https://x/c1', createdAt }
      ]
    })
  const afterMerge = (event: Parameters<typeof prEvent>[0], threads: ReviewThread[]) => {
    const pr = prFacts(
      { merged: true, mergedAt: MERGED_AT, state: 'closed', mergeCommitSha: 'm'.repeat(40) },
      { threads }
    )
    // As main.ts hands the event to the rules: with the PR's state as read now.
    return facts({ event: asReadNow(prEvent(event), pr.pr), pr, linked: LINKED })
  }
  const threads = [at('2026-11-19T09:00:00Z'), at('2026-11-21T09:00:00Z')]

  test('an edit: the thread open at the merge is followed up, one started after it is not', () => {
    const plan = planFollowUps(
      afterMerge({ action: 'edited', closed: true, merged: true }, threads),
      found(),
      config()
    )
    expect(creates(plan.actions).map((a) => a.what)).toEqual(['the review thread at src/a.ts:9'])
    expect(creates(plan.actions)[0]!.issue.labels).toContain(threadLabel('2026-11-19T09:00:00Z'))
    expect(plan.followUps.pending).toEqual([])
  })

  test('a thread resolved since the merge keeps its issue listed; one resolved without an issue gets none', () => {
    const resolved = (id: string) => ({ ...at(id), isResolved: true })
    const known = {
      key: 'ABC-9',
      url: 'https://jira/ABC-9',
      summary: 'Round shipping too?',
      labels: []
    }
    const plan = planFollowUps(
      afterMerge({ action: 'edited', closed: true, merged: true }, [
        resolved('2026-11-19T09:00:00Z'),
        resolved('2026-11-19T10:00:00Z')
      ]),
      found({ known: { [threadLabel('2026-11-19T09:00:00Z')]: known } }),
      config()
    )
    expect(plan.actions).toEqual([]) // no issue, no reply in a resolved thread
    expect(plan.followUps.found).toEqual([
      {
        what: 'the review thread at src/a.ts:9',
        key: 'ABC-9',
        url: 'https://jira/ABC-9',
        summary: 'Round shipping too?',
        label: threadLabel('2026-11-19T09:00:00Z'),
        grouped: false
      }
    ])
  })

  test('a rerun of the old opened run (its payload says open): the same, nothing called pending', () => {
    const plan = planFollowUps(afterMerge({ action: 'opened' }, threads), found(), config())
    expect(creates(plan.actions)).toHaveLength(1)
    expect(plan.followUps.pending).toEqual([])
  })
})

describe('when: merge', () => {
  test('before the merge: TODOs and unresolved threads are pending, nothing is created', () => {
    const plan = planFollowUps(
      open([thread('T1'), thread('T2', { isResolved: true }), thread('T3', { isOutdated: true })]),
      found({ todos: [todo('cache it'), todo('tracked', 7, 'ABC-9')] }),
      config()
    )
    expect(plan.actions).toEqual([])
    expect(plan.followUps.pending.map((p) => p.summary)).toEqual([
      'cache it',
      'Round shipping too?'
    ])
    expect(plan.followUps.tracked).toEqual([{ what: 'TODO at src/a.ts:7', key: 'ABC-9' }])
  })

  test('at the merge: one issue per TODO and per unresolved thread, labelled, linked, replied', () => {
    const plan = planFollowUps(
      merged([thread('T1'), thread('T2', { isResolved: true })]),
      found({ todos: [todo('cache it'), todo('cache it', 40)] }),
      config({ labels: ['follow-up'] })
    )
    const made = creates(plan.actions)
    expect(made).toHaveLength(2) // the same text twice in a file is one TODO
    expect(made[0]!.issue).toMatchObject({
      projectKey: 'ABC',
      issueType: 'Task',
      summary: 'cache it',
      labels: [
        'follow-up',
        prLabel('https://github.com/acme/shop/pull/42'),
        todoLabel('acme/shop', 'src/a.ts', 'cache it')
      ]
    })
    expect(made[0]!.relatesTo).toEqual({ linkType: 'Relates', keys: ['ABC-1'] })
    expect(JSON.stringify(made[0]!.issue.description)).toContain(
      `https://github.com/acme/shop/blob/${'m'.repeat(40)}/src/a.ts#L5`
    )
    expect(made[1]!.issue.summary).toBe('Round shipping too?')
    expect(made[1]!.issue.labels).toContain(threadLabel('T1'))
    expect(made[1]!.reply).toEqual({ threadId: 'T1', body: expect.stringContaining('{key}') })
  })

  test('found by label: nothing created; a thread without the reply gets it', () => {
    const known = { key: 'ABC-7', url: 'https://j/browse/ABC-7', summary: 's', labels: [] }
    const plan = planFollowUps(
      merged([thread('T1')]),
      found({
        todos: [todo('cache it', 12)],
        known: {
          [todoLabel('acme/shop', 'src/a.ts', 'Cache it.')]: known,
          [threadLabel('T1')]: { ...known, key: 'ABC-8' }
        }
      }),
      config()
    )
    expect(creates(plan.actions)).toEqual([])
    expect(plan.actions).toEqual([
      expect.objectContaining({ type: 'github.replyToThread', threadId: 'T1' })
    ])
    expect(plan.followUps.found.map((f) => f.key)).toEqual(['ABC-7', 'ABC-8'])
  })

  test('a thread longer than was read: its issue says how many replies are only in the thread', () => {
    const opening = thread('T1').comments[0]!
    const latest = Array.from({ length: 50 }, (_, i) => ({
      ...opening,
      id: `c${i + 11}`,
      author: 'ben',
      body: `Reply ${i + 11}`
    }))
    const plan = planFollowUps(
      merged([thread('T1', { comments: [opening, ...latest], commentCount: 60 })]),
      found(),
      config()
    )
    const description = JSON.stringify(creates(plan.actions)[0]!.issue.description)
    expect(description).toContain('Round shipping too?')
    expect(description).toContain('The latest 50 replies (9 earlier ones are only in the thread):')
    expect(description).toContain('@ben: Reply 60')
    expect(description).not.toContain('Replies:')
  })

  test('grouping: pr makes one issue for all TODOs, with every TODO label', () => {
    const plan = planFollowUps(
      merged(),
      found({ todos: [todo('one'), todo('two', 9)] }),
      config({ grouping: 'pr' })
    )
    const [group] = creates(plan.actions)
    expect(creates(plan.actions)).toHaveLength(1)
    expect(group!.issue.summary).toBe('TODOs of acme/shop#42: one (and 1 more)')
    expect(group!.issue.labels).toEqual(
      expect.arrayContaining([
        todoLabel('acme/shop', 'src/a.ts', 'one'),
        todoLabel('acme/shop', 'src/a.ts', 'two')
      ])
    )
  })

  test('more than 20 new TODOs (vendored code): one issue for them all, said in the comment', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...todo(`handle case ${i}`, i + 1),
      context: { start: i + 1, lines: Array.from({ length: 7 }, () => `x = ${'y'.repeat(60)}`) }
    }))
    const plan = planFollowUps(merged(), found({ todos: many }), config())
    const made = creates(plan.actions)
    expect(made).toHaveLength(1)
    // each TODO's label, the PR's, the group's, the config's
    expect(made[0]!.issue.labels).toHaveLength(300 + 3)
    expect(adfSize(made[0]!.issue.description)).toBeLessThanOrEqual(DESCRIPTION_BUDGET)
    const adf = JSON.stringify(toAdf(made[0]!.issue.description))
    expect(adf).toContain('handle case 0') // the first ones with their code
    expect(adf).toMatch(/… and \d+ more\./) // the rest counted
    expect(plan.notes.map((n) => n.text)).toContain(
      '300 new TODOs: more than 20, so one follow-up issue lists them all instead of one issue each (`grouping: pr` always does this).'
    )
    const twenty = planFollowUps(merged(), found({ todos: many.slice(0, 20) }), config())
    expect(creates(twenty.actions)).toHaveLength(20)
  })

  test('project from the config first; without one nor a linked issue: a warning, nothing made', () => {
    const withProject = planFollowUps(
      merged(),
      found({ todos: [todo('x')] }),
      config({ project: 'OPS' })
    )
    expect(creates(withProject.actions)[0]!.issue.projectKey).toBe('OPS')
    const none = planFollowUps({ ...merged(), linked: [] }, found({ todos: [todo('x')] }), config())
    expect(none.actions).toEqual([])
    expect(none.notes[0]!.text).toContain('project')
  })

  test('a long TODO is cut to 255 characters', () => {
    const plan = planFollowUps(merged(), found({ todos: [todo('x'.repeat(400))] }), config())
    expect(creates(plan.actions)[0]!.issue.summary).toHaveLength(255)
  })
})

describe('when: open', () => {
  test('created on an open PR; threads still wait for the merge', () => {
    const plan = planFollowUps(
      open([thread('T1')]),
      found({ todos: [todo('now')] }),
      config({ when: 'open' })
    )
    expect(creates(plan.actions).map((a) => a.issue.summary)).toEqual(['now'])
    expect(plan.followUps.pending.map((p) => p.what)).toEqual(['the review thread at src/a.ts:9'])
  })

  test("an outsider's TODOs wait for the merge, with a note saying why; the merge creates them", () => {
    const outsider = trustOf({ login: 'drive-by', type: 'User' }, 'FIRST_TIME_CONTRIBUTOR')
    const plan = planFollowUps(
      { ...open(), author: outsider },
      found({ todos: [todo('now')] }),
      config({ when: 'open' })
    )
    expect(creates(plan.actions)).toEqual([])
    expect(plan.followUps.pending.map((p) => p.what)).toEqual(['the TODO at src/a.ts:5'])
    expect(plan.notes.map((n) => n.text)).toEqual([
      "@drive-by is not a collaborator of acme/shop (author association FIRST_TIME_CONTRIBUTOR): the TODOs of this PR become Jira issues at its merge (`when: open` creates them before the merge only on PRs by the repository's people)."
    ])
    const atMerge = planFollowUps(
      { ...merged(), author: outsider },
      found({ todos: [todo('now')] }),
      config({ when: 'open' })
    )
    expect(creates(atMerge.actions).map((a) => a.issue.summary)).toEqual(['now'])
    expect(atMerge.notes).toEqual([])
  })

  test('at the merge, a follow-up whose TODO is gone gets one comment', () => {
    const url = 'https://github.com/acme/shop/pull/42'
    const gone = {
      key: 'ABC-5',
      url: 'u',
      summary: 'old text',
      labels: [todoLabel('acme/shop', 'src/a.ts', 'old text')],
      notes: {}
    }
    const plan = planFollowUps(merged(), found({ ofPr: [gone] }), config({ when: 'open' }))
    expect(plan.actions).toEqual([
      expect.objectContaining({ type: 'jira.upsertComment', issueKey: 'ABC-5', commentId: null })
    ])
    const told = planFollowUps(
      merged(),
      found({ ofPr: [{ ...gone, notes: { [url]: '77' } }] }),
      config({ when: 'open' })
    )
    expect(told.actions).toEqual([])
  })
})

describe('the "relates to" link of a follow-up that exists', () => {
  const PR = prLabel('https://github.com/acme/shop/pull/42')
  const label = todoLabel('acme/shop', 'src/a.ts', 'cache it')
  const existing = (labels: string[], links?: string[]) => ({
    key: 'ABC-7',
    labels,
    ...(links ? { links } : {})
  })
  const failed = (tries = 0, to = ['ABC-1', 'ABC-2']) => ({ key: 'ABC-7', to, tries })

  test('only a link whose write failed is tried again, while it is missing and the PR still names its issue', () => {
    const due = (entry: ReturnType<typeof failed> | null, followUp = existing([PR, label], [])) =>
      relinks(entry ? [entry] : [], [followUp], PR, ['ABC-1', 'ABC-2'])
    // No failure recorded: a link missing (removed by someone, or to an issue linked since) stays so.
    expect(due(null)).toEqual({ due: [], kept: [] })
    expect(due(failed(1))).toEqual({ due: [failed(1)], kept: [] })
    // Made since (of any type), one of two; both; an issue no longer linked to the PR.
    expect(due(failed(), existing([PR, label], ['ABC-2']))).toEqual({
      due: [failed(0, ['ABC-1'])],
      kept: []
    })
    expect(due(failed(), existing([PR, label], ['ABC-1', 'ABC-2']))).toEqual({ due: [], kept: [] })
    expect(relinks([failed()], [existing([PR, label], [])], PR, ['ABC-2']).due).toEqual([
      failed(0, ['ABC-2'])
    ])
    // Not read on this run, or links not read: kept for a later one; another PR's issue: kept.
    expect(relinks([failed()], [], PR, ['ABC-1']).kept).toEqual([failed()])
    expect(due(failed(), existing([PR, label]))).toEqual({ due: [], kept: [failed()] })
    expect(due(failed(), existing([label], []))).toEqual({ due: [], kept: [failed()] })
    // Tried as often as it is tried: given up.
    expect(due(failed(3))).toEqual({ due: [], kept: [] })
  })

  test('the plan tries them again, counting the tries; with no link type on the site, not', () => {
    const known = { [label]: { ...existing([PR, label], []), url: 'u', summary: 'cache it' } }
    const relink = { due: [failed(1)], kept: [failed(0, ['ABC-3'])] }
    const linkActions = (linkType: string | null) =>
      planFollowUps(
        merged(),
        found({ todos: [todo('cache it')], known, linkType, relink }),
        config()
      )
    const plan = linkActions('Relates')
    expect(plan.actions).toEqual([
      {
        type: 'jira.linkIssues',
        rule: 'follow-ups',
        issueKey: 'ABC-7',
        linkType: 'Relates',
        keys: ['ABC-1', 'ABC-2'],
        attempt: 2
      }
    ])
    // What the state keeps as it was.
    expect(plan.followUps.relink).toEqual([failed(0, ['ABC-3'])])
    expect(linkActions(null).actions).toEqual([])
    expect(linkActions(null).notes).toEqual([
      expect.objectContaining({ text: expect.stringContaining('no "Relates" issue link type') })
    ])
  })

  test('no note of a missing "Relates" type when the type was not looked up (nothing to link)', () => {
    // A merge rerun whose only action is the reply to a thread: the link type is not read.
    const T = thread('T1')
    const plan = planFollowUps(
      merged([T]),
      found({
        known: { [threadLabel('T1')]: { key: 'ABC-9', url: 'u', summary: 's', labels: [] } },
        linkType: undefined
      }),
      config()
    )
    expect(plan.actions.map((a) => a.type)).toEqual(['github.replyToThread'])
    expect(plan.notes).toEqual([])
  })
})

describe('a PR linked to more issues than a follow-up is linked to', () => {
  // 30 issues in the PR's order; every third one resolved (ABC-3, ABC-6, …, ABC-30).
  const many = Array.from({ length: 30 }, (_, i) => ({
    issue: jiraIssue(`ABC-${i + 1}`),
    strength: (i + 1) % 3 === 0 ? ('resolves' as const) : ('references' as const),
    via: 'explicit' as const,
    sources: []
  }))
  const mergedWith = (linked: typeof many) =>
    facts({
      event: prEvent({ action: 'closed', merged: true, closed: true }),
      pr: prFacts(
        { merged: true, state: 'closed', mergeCommitSha: 'm'.repeat(40) },
        { threads: [thread('T1'), thread('T2')] }
      ),
      linked
    })

  test('each follow-up relates to 10 of them, those it resolves first, in the PR order; one note says so', () => {
    const plan = planFollowUps(mergedWith(many), found(), config())
    const ten = ['ABC-3', 'ABC-6', 'ABC-9', 'ABC-12', 'ABC-15', 'ABC-18', 'ABC-21', 'ABC-24']
    ten.push('ABC-27', 'ABC-30')
    expect(creates(plan.actions).map((a) => a.relatesTo)).toEqual([
      { linkType: 'Relates', keys: ten },
      { linkType: 'Relates', keys: ten }
    ])
    expect(plan.notes).toEqual([
      {
        level: 'info',
        text: `Each follow-up is linked ("relates to") to 10 of the PR's 30 issues, those it resolves first: ${ten.join(', ')}.`
      }
    ])
  })

  test('with fewer resolved, the referenced ones fill the ten; ten issues in all: no note', () => {
    const twelve = many.slice(0, 12)
    const plan = planFollowUps(mergedWith(twelve), found(), config())
    expect(creates(plan.actions)[0]!.relatesTo!.keys).toEqual([
      'ABC-3',
      'ABC-6',
      'ABC-9',
      'ABC-12',
      'ABC-1',
      'ABC-2',
      'ABC-4',
      'ABC-5',
      'ABC-7',
      'ABC-8'
    ])
    expect(planFollowUps(mergedWith(many.slice(0, 10)), found(), config()).notes).toEqual([])
  })
})

describe('one group issue per PR, across events', () => {
  const PR = 'https://github.com/acme/shop/pull/42'
  const label = (text: string) => todoLabel('acme/shop', 'src/a.ts', text)
  const groupIssue = (labels: string[], added: Record<string, string> = {}) => ({
    key: 'ABC-50',
    url: 'https://j/browse/ABC-50',
    summary: 'Grouped TODOs: one',
    labels: [prLabel(PR), groupLabel(PR), ...labels],
    added
  })
  /** What Jira answers once the group issue carries `labels`: each found, by label. */
  const knownBy = (issue: ReturnType<typeof groupIssue>) =>
    Object.fromEntries(issue.labels.map((l) => [l, issue]))

  test('the first event creates the group issue, with the group label', () => {
    const plan = planFollowUps(
      open(),
      found({ todos: [todo('one')] }),
      config({ when: 'open', grouping: 'pr' })
    )
    const made = creates(plan.actions)
    expect(made).toHaveLength(1)
    expect(made[0]!.issue.labels).toEqual(
      expect.arrayContaining([prLabel(PR), groupLabel(PR), label('one')])
    )
    expect(additions(plan.actions)).toEqual([])
  })

  test('a later event adds its new TODO to that issue and creates nothing', () => {
    const group = groupIssue([label('one')])
    const plan = planFollowUps(
      open(),
      found({ todos: [todo('one'), todo('two', 9)], known: knownBy(group), group }),
      config({ when: 'open', grouping: 'pr' })
    )
    expect(creates(plan.actions)).toEqual([])
    expect(plan.actions).toEqual([
      {
        type: 'jira.addToIssue',
        rule: 'follow-ups',
        issueKey: 'ABC-50',
        what: '1 new TODO(s) of acme/shop#42',
        body: expect.anything(),
        commentId: null,
        index: {
          property: 'gitar-jira.follow-up-added',
          entry: additionEntry(PR, [label('two')]),
          known: {}
        },
        labels: [label('two')]
      }
    ])
    const body = JSON.stringify(toAdf(additions(plan.actions)[0]!.body))
    expect(body).toContain('1 more TODO comment(s) left in')
    expect(body).toContain('two')
    expect(body).toContain(
      'https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/src/a.ts#L9'
    )
    expect(body).not.toContain('src/a.ts#L5') // "one" is listed on the issue already
    expect(plan.followUps.found.map((f) => f.key)).toEqual(['ABC-50'])
    expect(plan.followUps.adding).toEqual([
      {
        what: 'the TODO at src/a.ts:9',
        key: 'ABC-50',
        url: 'https://j/browse/ABC-50',
        summary: 'Grouped TODOs: one',
        label: label('two'),
        grouped: true
      }
    ])
  })

  test('a rerun once the TODO was added changes nothing', () => {
    const group = groupIssue([label('one'), label('two')])
    const plan = planFollowUps(
      open(),
      found({ todos: [todo('one'), todo('two', 9)], known: knownBy(group), group: null }),
      config({ when: 'open', grouping: 'pr' })
    )
    expect(plan.actions).toEqual([])
    expect(plan.followUps.found.map((f) => f.key)).toEqual(['ABC-50', 'ABC-50'])
  })

  test('a rerun after the labels failed edits the comment already written, adds no second', () => {
    const entry = additionEntry(PR, [label('two')])
    const group = groupIssue([label('one')], { [entry]: '700' })
    const plan = planFollowUps(
      open(),
      found({ todos: [todo('one'), todo('two', 9)], known: knownBy(group), group }),
      config({ when: 'open', grouping: 'pr' })
    )
    expect(additions(plan.actions)).toEqual([
      expect.objectContaining({ commentId: '700', labels: [label('two')] })
    ])
  })

  test('a group issue made before the group label existed gets it with the new TODOs', () => {
    const group = { ...groupIssue([label('one')]), labels: [prLabel(PR), label('one')] }
    const plan = planFollowUps(
      open(),
      found({ todos: [todo('two', 9)], group }),
      config({ when: 'open', grouping: 'pr' })
    )
    expect(additions(plan.actions)[0]!.labels).toEqual([label('two'), groupLabel(PR)])
  })

  test('more than 20 new TODOs: into the group issue an earlier run made; 20 or fewer: one each', () => {
    const many = Array.from({ length: 25 }, (_, i) => todo(`handle case ${i}`, i + 1))
    const group = groupIssue([label('one')])
    const plan = planFollowUps(open(), found({ todos: many, group }), config({ when: 'open' }))
    expect(creates(plan.actions)).toEqual([])
    expect(additions(plan.actions)).toHaveLength(1)
    expect(additions(plan.actions)[0]!.labels).toHaveLength(25)
    expect(plan.notes.map((n) => n.text)).toContain(
      "25 new TODOs: more than 20, so they are added to ABC-50, the follow-up issue that lists this PR's TODOs, instead of one issue each."
    )
    const few = planFollowUps(
      open(),
      found({ todos: many.slice(0, 2), group }),
      config({ when: 'open' })
    )
    expect(additions(few.actions)).toEqual([])
    expect(creates(few.actions)).toHaveLength(2)
  })

  test('the PR comment lists the added TODOs once added, "would add" on a dry run', () => {
    const group = groupIssue([label('one')])
    const plan = planFollowUps(
      open(),
      found({ todos: [todo('two', 9)], group }),
      config({ when: 'open', grouping: 'pr' })
    )
    const [action] = plan.actions
    const block = (status: 'done' | 'would' | 'failed') =>
      followUpsBlock({
        applied: [{ action: action!, status }],
        followUps: plan.followUps
      } as unknown as RunReport)
    expect(block('done')).toContain(
      '- [ABC-50](https://j/browse/ABC-50) Grouped TODOs: one · for 1 TODO\\(s\\) of acme/shop#\u200b42'
    )
    expect(block('would')).toContain(
      '- _would add_ the TODO at src/a.ts:9 to [ABC-50](https://j/browse/ABC-50)'
    )
    expect(block('failed')).not.toContain('ABC-50')
  })
})

describe('the PR comment section', () => {
  test('created, pending, tracked and omitted files, escaped', () => {
    const plan = planFollowUps(
      open([thread('T1')]),
      found({ todos: [todo('<b>@team</b>'), todo('t', 8, 'ABC-9')], omitted: ['img.png'] }),
      config()
    )
    const block = followUpsBlock({ applied: [], followUps: plan.followUps } as unknown as RunReport)
    expect(block).toContain('At the merge these become Jira issues')
    expect(block).toContain('&lt;b&gt;@\u200bteam&lt;/b&gt;')
    expect(block).toContain('TODO at src/a.ts:8 → ABC-9')
    expect(block).toContain('GitHub shows no diff for img.png')
  })
})
