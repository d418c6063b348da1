import { COMMENT_MARKER, renderComment } from '../../../src/report/comment.js'
import type { RunReport } from '../../../src/report/model.js'
import { readState } from '../../../src/report/state.js'
import { renderSummary } from '../../../src/report/summary.js'
import { escapeCell, escapeMarkdown } from '../../../src/util/escape.js'
import { jiraIssue } from '../../helpers/facts.js'

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

describe('escaping text from Jira and users', () => {
  test.each([
    ['**bold** _it_', '\\*\\*bold\\*\\* \\_it\\_'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['ping @octocat and @acme/team', 'ping @\u200boctocat and @\u200bacme/team'],
    ['fixes #12', 'fixes #\u200b12'],
    ['a | b', 'a \\| b'],
    ['[link](javascript:alert(1))', '\\[link\\]\\(javascript:alert\\(1\\)\\)']
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
    expect(body).toContain('- would remove the link from ABC-5 to https://x/pull/1')
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
})

describe('links without a key and possible matches', () => {
  test('are checkbox lines that carry their key, with how sure and which words matched', () => {
    const body = renderComment(
      report({
        linked: [
          {
            issue: jiraIssue('ABC-7', { summary: 'Guest checkout' }),
            strength: 'references',
            via: 'inferred',
            sources: [],
            confidence: 0.912,
            matched: ['checkout', 'guest']
          }
        ],
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
