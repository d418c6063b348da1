/**
 * auto-link: every issue the PR works on gets a remote link to the PR; a key that left the PR
 * loses its link, and so does a keyless link a maintainer unticks; optionally the title gets the key.
 * At the merge, with inference on, each issue remembers the files the PR changed (path-history.ts).
 */
import type { Settings } from '../../config/settings.js'
import { CONTENT_ACTIONS, type PrEvent } from '../../context.js'
import type { Action } from '../../plan/actions.js'
import type { Facts, Note, Rule, RulePlan } from '../types.js'
import { PATHS_PROPERTY } from '../../jira/map.js'
import { linksGone } from './links-gone.js'
import { withPrPaths } from './path-history.js'
import { prGlobalId, prRemoteLink, remoteLinkDigest } from './remote-link.js'

export const autoLink: Rule = {
  name: 'auto-link',

  appliesTo(event: PrEvent, settings: Settings): boolean {
    // `closed` too: the link then shows the PR as merged or closed.
    return settings.rules.autoLink.enabled && CONTENT_ACTIONS.has(event.action)
  },

  plan(facts: Facts, _extra: undefined, settings: Settings): RulePlan {
    const { pr } = facts.pr
    const repo = `${facts.event.owner}/${facts.event.repo}`
    const written = new Map(facts.previous.links.map((l) => [l.key, l.h]))
    const actions: Action[] = facts.linked.flatMap((linked): Action[] => {
      const link = prRemoteLink(pr, repo, linked.strength)
      if (written.get(linked.issue.key) === remoteLinkDigest(link)) return []
      return [
        { type: 'jira.upsertRemoteLink', rule: 'auto-link', issueKey: linked.issue.key, link }
      ]
    })
    const notes: Note[] = []

    // Explicit links go when their key leaves the PR; the others when a maintainer unticks them.
    const { gone, unsure } = linksGone(facts)
    if (unsure.length > 0) {
      // Past GitHub's 250-commit limit a key may only look gone: keep its link.
      notes.push({
        level: 'info',
        text: `The PR has more commits than GitHub lists (250): links to ${unsure.join(', ')} were kept.`
      })
    }
    for (const key of gone) {
      actions.push({
        type: 'jira.deleteRemoteLink',
        rule: 'auto-link',
        issueKey: key,
        globalId: prGlobalId(pr.htmlUrl)
      })
    }

    if (pr.merged && settings.rules.autoLink.infer) {
      const files = facts.pr.files.map((f) => f.path)
      for (const linked of facts.linked) {
        const value = withPrPaths(linked.issue, pr.htmlUrl, files)
        if (!value) continue
        actions.push({
          type: 'jira.setIssueProperty',
          rule: 'auto-link',
          issueKey: linked.issue.key,
          what: `the files ${repo}#${pr.number} changed`,
          property: PATHS_PROPERTY,
          value,
          optional: true
        })
      }
    }

    if (settings.rules.autoLink.updateTitle) {
      const title = titleWithKey(pr.title, facts)
      if (title !== pr.title) {
        actions.push({
          type: 'github.updatePrTitle',
          rule: 'auto-link',
          prNumber: pr.number,
          title,
          from: pr.title
        })
      }
    }
    return { actions, notes }
  }
}

/**
 * `ABC-12: title`, with the first issue the PR resolves, unless the title names one. Only a
 * resolved issue: a key in the title resolves it, so prefixing one the PR only references (or an
 * inferred link, unless infer-resolves) would have the next runs move its status.
 */
export function titleWithKey(title: string, facts: Facts): string {
  // A prefix this option wrote for an issue a maintainer then unticked goes with the link.
  const titled = facts.previous.titled
  const undone =
    titled !== undefined &&
    (facts.dismissed ?? []).includes(titled) &&
    title.startsWith(`${titled}: `)
  const own = undone ? title.slice(titled.length + 2) : title
  const named = facts.linked.some((l) => l.sources.includes('title'))
  const first = facts.linked.find((l) => l.strength === 'resolves')
  if (named || !first || own.startsWith(`${first.issue.key}: `)) return own
  return `${first.issue.key}: ${own}`
}
