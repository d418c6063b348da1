import { COMMENT_MARKER, renderComment } from '../../../src/report/comment.js'
import type { RunReport } from '../../../src/report/model.js'
import { readState } from '../../../src/report/state.js'
import { renderSummary } from '../../../src/report/summary.js'
import { escapeCell, escapeMarkdown } from '../../../src/util/escape.js'
import { outsideProjectsNote } from '../../../src/rules/auto-link/discover.js'
import { jiraIssue, settings } from '../../helpers/facts.js'

function report(overrides: Partial<RunReport> = {}): RunReport {
  const built: Omit<RunReport, 'state'> = {
    dryRun: false,
    repo: 'acme/shop',
    prNumber: 42,
    headSha: '0123456789abcdef',
    linked: [
      {
        issue: jiraIssue('ABC-1', { summary: 'Guest checkout' }),
        strength: 'resolves',
        via: 'explicit',
        sources: ['title', 'branch']
      },
      {
        issue: jiraIssue('ABC-2', { assignee: null }),
        strength: 'references',
        via: 'explicit',
        sources: ['body']
      }
    ],
    suggestions: [],
    unlinked: [],
    notes: [],
    failures: [],
    applied: [],
    ...overrides
  }
  const links = built.linked.map((l) => ({ key: l.issue.key, via: l.via }))
  return { ...built, state: overrides.state ?? { v: 1, links } }
}

/** A link an earlier run inferred, with how sure and the words that matched. */
const INFERRED_ABC_7: RunReport['linked'][number] = {
  issue: jiraIssue('ABC-7', { summary: 'Guest checkout' }),
  strength: 'references',
  via: 'inferred',
  sources: [],
  confidence: 0.912,
  matched: ['checkout', 'guest']
}

describe('escaping text from Jira and users', () => {
  test.each([
    ['**bold** _it_', '\\*\\*bold\\*\\* \\_it\\_'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['ping @octocat and @acme/team', 'ping @\u200boctocat and @\u200bacme/team'],
    ['fixes #12', 'fixes #\u200b12'],
    ['see GH-12 and gh-7', 'see GH\u200b-12 and gh\u200b-7'],
    ['$\\color{red}{Urgent}$ costs $5', '\\$\\\\color\\{red\\}\\{Urgent\\}\\$ costs \\$5'],
    ['a | b', 'a \\| b'],
    ['[link](javascript:alert(1))', '\\[link\\]\\(javascript:alert\\(1\\)\\)'],
    [
      'see https://github.com/acme/shop/issues/4',
      'see https:/\u200b/github.com/acme/shop/issues/4'
    ],
    [
      'log in at www.evil.test or WWW.evil.test',
      'log in at www\u200b.evil.test or WWW\u200b.evil.test'
    ],
    ['pay \u202eredro eht\u202c now', 'pay redro eht now'],
    ['\u2067a\u2069 \u200eb\u200f \u202ac\u202b', 'a b c']
  ])('%s', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected)
  })

  test('a table cell is one line, cut with an ellipsis', () => {
    expect(escapeCell('line one\n\nline two', 12)).toBe('line one li…')
  })
})

describe('the PR comment', () => {
  test('starts with the marker and lists each issue with how it was found', () => {
    const body = renderComment(report())
    expect(body.startsWith(COMMENT_MARKER)).toBe(true)
    expect(body).toContain(
      '| [ABC-1](https://acme.atlassian.net/browse/ABC-1) | Guest checkout | In Progress | Jane Doe | resolves · title, branch |'
    )
    expect(body).toContain(
      '| [ABC-2](https://acme.atlassian.net/browse/ABC-2) | Summary of ABC-2 | In Progress | _unassigned_ | references · description |'
    )
  })

  test('a comment too long for GitHub is cut at a line, keeping the state and saying so', () => {
    const many = Array.from({ length: 900 }, (_, i) => ({
      issue: jiraIssue(`ABC-${i + 1}`, { summary: 'A long summary of an issue '.repeat(4) }),
      strength: 'references' as const,
      via: 'explicit' as const,
      sources: ['body' as const]
    }))
    const state = { v: 1 as const, links: many.map((l) => ({ key: l.issue.key, via: l.via })) }
    const full = renderComment(report({ linked: many, state }))
    expect(full.length).toBeLessThanOrEqual(65_536)
    expect(full).toContain('_… cut here: a PR comment holds at most 65,536 characters.')
    expect(full).toContain('| [ABC-1](https://acme.atlassian.net/browse/ABC-1) |')
    expect(full).not.toContain('[ABC-900]')
    expect(readState(full).links).toHaveLength(900)
    expect(full).toMatch(/<sub>gitar-jira · updated for \w{7}<\/sub>/)
    expect(renderSummary(report({ linked: many, state }))).toContain('[ABC-900]')
  })

  test('keeps what it linked in a hidden state block that the next run reads back', () => {
    expect(readState(renderComment(report()))).toEqual({
      v: 1,
      links: [
        { key: 'ABC-1', via: 'explicit' },
        { key: 'ABC-2', via: 'explicit' }
      ]
    })
  })

  test('a hostile Jira summary cannot inject markup or mention anyone', () => {
    const hostile = jiraIssue('ABC-3', { summary: '</table><script>x</script> @admin | -->' })
    const body = renderComment(
      report({
        linked: [{ issue: hostile, strength: 'resolves', via: 'explicit', sources: ['title'] }]
      })
    )
    expect(body).not.toContain('<script>')
    expect(body).not.toContain('@admin')
    expect(readState(body).links).toEqual([{ key: 'ABC-3', via: 'explicit' }])
  })

  test('says when nothing is linked, what failed, and what a dry run would do', () => {
    const body = renderComment(
      report({
        linked: [],
        dryRun: true,
        failures: [{ rule: 'auto-link', message: 'Jira answered 503' }],
        applied: [
          {
            action: {
              type: 'jira.deleteRemoteLink',
              rule: 'auto-link',
              issueKey: 'ABC-5',
              globalId: 'gitar-jira:https://x/pull/1'
            },
            status: 'would'
          }
        ]
      })
    )
    expect(body).toContain('No Jira issue is linked')
    expect(body).toContain('> - **auto-link**: Jira answered 503')
    expect(body).toContain('- would remove the link from ABC-5 to https:/\u200b/x/pull/1')
  })

  test('a note shows the config key it names as code, not as backticks', () => {
    const withProjects = settings()
    withProjects.jira.projects = ['OPS']
    const note = outsideProjectsNote(['SHOP-12'], withProjects)!
    const body = renderComment(report({ notes: [{ rule: 'auto-link', ...note }] }))
    expect(body).toContain(
      '- ⚠️ SHOP-12 is not linked: project SHOP is not in `jira.projects` \\(OPS\\) of .github/gitar-jira.yml.'
    )
  })

  test('a state block that was tampered with is ignored, not trusted', () => {
    expect(
      readState('<!-- gitar-jira:state {"v":1,"links":[{"key":"x) OR 1=1","via":"explicit"}]} -->')
    ).toEqual({
      v: 1,
      links: []
    })
    expect(readState('<!-- gitar-jira:state {not json} -->')).toEqual({ v: 1, links: [] })
  })
})

describe('the job summary', () => {
  test('has the same table, a heading, and no hidden state', () => {
    const summary = renderSummary(report({ dryRun: true }))
    expect(summary).toContain('## gitar-jira: acme/shop#42 (dry run)')
    expect(summary).toContain('| [ABC-1](https://acme.atlassian.net/browse/ABC-1) |')
    expect(summary).not.toContain('gitar-jira:state')
  })

  /** A dry run with something in every section the PR comment has. */
  function fullReport(): RunReport {
    return report({
      dryRun: true,
      linked: [INFERRED_ABC_7],
      suggestions: [
        {
          issue: jiraIssue('ABC-9', { summary: 'Pay with @paypal <b>now</b>' }),
          confidence: 0.5,
          matched: ['pay'],
          listConfidence: 0.8
        }
      ],
      state: {
        v: 1,
        links: [{ key: 'ABC-7', via: 'inferred' }],
        rejected: ['ABC-11']
      },
      dismissed: [jiraIssue('ABC-11', { summary: 'Old cart' })],
      unlinked: ['ABC-3'],
      followUps: {
        pr: 'acme/shop#42',
        order: [],
        noProject: false,
        pending: [{ what: 'the TODO at src/cart.ts:12', summary: 'Round @totals', url: 'x' }],
        found: [],
        adding: [],
        tracked: [{ what: 'the TODO at src/pay.ts:3', key: 'ABC-20' }],
        omitted: []
      },
      failures: [{ rule: 'auto-link', message: 'Jira answered 503' }],
      applied: [
        {
          action: {
            type: 'jira.transition',
            rule: 'transitions',
            issueKey: 'ABC-7',
            transitionId: '31',
            from: 'To Do',
            to: 'In Review'
          },
          status: 'would'
        },
        {
          action: {
            type: 'jira.createIssue',
            rule: 'follow-ups',
            what: 'the TODO at src/a.ts:5',
            issue: {
              projectKey: 'ABC',
              issueType: 'Task',
              summary: 'Drop the *old* path',
              description: { blocks: [] },
              labels: []
            },
            relatesTo: null,
            reply: null
          },
          status: 'would'
        }
      ]
    })
  }

  test('alone says what this run unlinked: the PR comment, the same on a rerun, does not', () => {
    expect(renderSummary(fullReport())).toContain('Unlinked on this run: ABC-3')
    expect(renderComment(fullReport())).not.toContain('ABC-3')
  })

  test('shows what the PR comment shows: matches, statuses, follow-ups, failures, the dry run', () => {
    const summary = renderSummary(fullReport())
    expect(summary).toContain(
      '**Linked without a key** (untick its box in the PR comment to remove a wrong link):\n' +
        '- [ABC-7](https://acme.atlassian.net/browse/ABC-7) Guest checkout · 91% likely · matched: checkout, guest'
    )
    expect(summary).toContain(
      '**Possible matches** (tick its box in the PR comment to link the issue; the right one is among these about 80% of the time):\n' +
        '- [ABC-9](https://acme.atlassian.net/browse/ABC-9) Pay with @\u200bpaypal &lt;b&gt;now&lt;/b&gt; · 50% likely · matched: pay'
    )
    expect(summary).toContain(
      '**Dismissed** (not suggested again; tick its box in the PR comment to link the issue after all):\n' +
        '- [ABC-11](https://acme.atlassian.net/browse/ABC-11) Old cart'
    )
    expect(summary).toContain('- ABC-7: would move To Do → In Review (dry run)')
    expect(summary).toContain('#### Follow-ups')
    expect(summary).toContain(
      '- _would create_ Drop the \\*old\\* path · for the TODO at src/a.ts:5'
    )
    expect(summary).toContain(
      '**At the merge these become Jira issues:**\n- Round @\u200btotals · the TODO at src/cart.ts:12'
    )
    expect(summary).toContain('- the TODO at src/pay.ts:3 → ABC-20')
    expect(summary).toContain('> - **auto-link**: Jira answered 503')
    expect(summary).toContain('<details><summary>Dry run: nothing was written to Jira or GitHub')
    expect(summary).toContain('- would move ABC-7 from "To Do" to "In Review"')
    expect(summary).toContain('- would create a Task in ABC for the TODO at src/a.ts:5')
  })

  test('is read-only: no boxes, no markers, no hidden state', () => {
    const summary = renderSummary(fullReport())
    expect(summary).not.toMatch(/\[[ x]\]/)
    expect(summary).not.toContain('<!--')
    expect(renderComment(fullReport())).toContain('- [ ] <!-- gitar-jira:key ABC-9 -->')
  })

  test("shows the suggested reviewers, kept from an earlier run too, without the comment's markers", () => {
    const kept =
      "**Suggested reviewers** (from the linked issues' people):\n- [ana](https://github.com/ana) · Ana"
    const summary = renderSummary(report({ earlierReviewers: kept }))
    expect(summary).toContain(kept)
    expect(summary).not.toContain('gitar-jira:reviewers')
    expect(renderComment(report({ earlierReviewers: kept }))).toContain(
      '<!-- gitar-jira:reviewers -->'
    )
  })

  test('holds everything a PR comment too long for GitHub cut off', () => {
    const many = Array.from({ length: 900 }, (_, i) => ({
      issue: jiraIssue(`ABC-${i + 1}`, { summary: 'A long summary of an issue '.repeat(4) }),
      strength: 'references' as const,
      via: 'explicit' as const,
      sources: ['body' as const]
    }))
    const big = { ...fullReport(), linked: many }
    const comment = renderComment(big)
    expect(comment).toContain('The job summary of this run has everything._')
    expect(comment).not.toContain('Possible matches')
    expect(comment).not.toContain('Follow-ups')
    const summary = renderSummary(big)
    expect(summary).toContain('[ABC-900]')
    expect(summary).toContain('**Possible matches**')
    expect(summary).toContain('#### Follow-ups')
    expect(summary).toContain('- would create a Task in ABC for the TODO at src/a.ts:5')
  })

  test('over 1 MiB is cut at a line, and the cut PR comment does not promise everything', () => {
    // Three bytes a character: 1,800 rows of 200 characters are over 1 MiB, not 900,000 characters.
    const many = Array.from({ length: 1800 }, (_, i) => ({
      issue: jiraIssue(`ABC-${i + 1}`, { summary: '結'.repeat(300) }),
      strength: 'references' as const,
      via: 'explicit' as const,
      sources: ['body' as const]
    }))
    const big = report({ linked: many })
    const summary = renderSummary(big)
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(900_000)
    expect(summary).toMatch(/\|\n\n_… cut here: a job summary holds at most 1 MiB\._$/)
    expect(summary).not.toContain('\ufffd')
    expect(renderComment(big)).toContain(
      "The job summary of this run has more (it too is cut, at GitHub's 1 MiB)._"
    )
  })
})

describe('links without a key and possible matches', () => {
  test('are checkbox lines that carry their key, with how sure and which words matched', () => {
    const body = renderComment(
      report({
        linked: [INFERRED_ABC_7],
        suggestions: [
          {
            issue: jiraIssue('ABC-9', { summary: 'Pay with @paypal' }),
            confidence: 0.5,
            matched: ['pay']
          }
        ]
      })
    )
    expect(body).toContain(
      '- [x] <!-- gitar-jira:key ABC-7 --> [ABC-7](https://acme.atlassian.net/browse/ABC-7) Guest checkout · 91% likely · matched: checkout, guest'
    )
    expect(body).toContain(
      '- [ ] <!-- gitar-jira:key ABC-9 --> [ABC-9](https://acme.atlassian.net/browse/ABC-9) Pay with @\u200bpaypal · 50% likely · matched: pay'
    )
    expect(body).toContain('| inferred · references |')
  })

  test('a link an earlier run inferred and this one no longer ranks says so', () => {
    const body = renderComment(
      report({
        linked: [
          { issue: jiraIssue('ABC-7'), strength: 'references', via: 'inferred', sources: [] }
        ]
      })
    )
    expect(body).toContain(
      '- [x] <!-- gitar-jira:key ABC-7 --> [ABC-7](https://acme.atlassian.net/browse/ABC-7) Summary of ABC-7 · inferred on an earlier run\n'
    )
  })
})

test('a dry run’s job summary shows what each Jira comment would say; the PR comment does not', () => {
  const body = {
    blocks: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Merged by ana with ``` inside.' }] }
    ]
  }
  const dry = report({
    dryRun: true,
    applied: [
      {
        action: {
          type: 'jira.upsertComment',
          rule: 'merge-summary',
          issueKey: 'ABC-1',
          what: 'the merge summary of acme/shop#42',
          body,
          visibility: null,
          commentId: null,
          index: { property: 'gitar-jira.merge-summary', entry: 'u', known: {} }
        },
        status: 'would'
      }
    ]
  } as never)
  const summary = renderSummary(dry)
  expect(summary).toContain(
    '<details><summary>add the merge summary of acme/shop#\u200b42 on ABC-1</summary>\n\n````\nMerged by ana with ``` inside.\n````'
  )
  expect(renderComment(dry)).not.toContain('Merged by ana')
})
