/**
 * suggest-reviewers: the people who asked for the work and watch it (the linked issues'
 * reporter, assignee and watchers) are suggested as reviewers, when a GitHub login is known for
 * them and they can read the repository. `mode: comment` lists them in the PR comment;
 * `mode: request` also requests their review, one login per request so GitHub's refusal of one
 * (422) costs only that one. Whom the action requested is remembered in the comment's state: a
 * reviewer a human removed is not requested again. An outsider's PR gets suggestions only
 * (not-requested.ts).
 */
import type { Settings } from '../../config/settings.js'
import type { PrEvent } from '../../context.js'
import type { Action } from '../../plan/actions.js'
import type { Facts, Ports, Rule, RulePlan } from '../types.js'
import { hiddenEmailNote } from './hidden-emails.js'
import { notRequestedNote } from './not-requested.js'
import { rankPeople } from './people.js'
import { MAX_PEOPLE } from './model.js'
import { createResolver } from './resolve.js'
import { prPeople, screen, selectReviewers, type Gathered } from './select.js'

/** Watchers are read for at most this many linked issues. */
export const MAX_ISSUES = 20

const SUGGESTING_ACTIONS = new Set(['opened', 'reopened', 'ready_for_review', 'synchronize'])

export const suggestReviewers: Rule<Gathered> = {
  name: 'suggest-reviewers',

  appliesTo(event: PrEvent, settings: Settings): boolean {
    // A draft is not up for review yet: ready_for_review is its moment.
    return (
      settings.rules.suggestReviewers.enabled &&
      SUGGESTING_ACTIONS.has(event.action) &&
      !event.draft
    )
  },

  async gather(ports: Ports, facts: Facts, settings: Settings): Promise<Gathered> {
    const config = settings.rules.suggestReviewers
    const issues = facts.linked.slice(0, MAX_ISSUES).map((l) => l.issue)
    const watchers =
      config.sources.watchers > 0
        ? await Promise.all(issues.map((issue) => ports.jira.getWatchers(issue.key)))
        : []
    const ranked = rankPeople(
      issues.map((issue, i) => ({
        key: issue.key,
        reporter: issue.reporter,
        assignee: issue.assignee,
        watchers: watchers[i] ?? []
      })),
      config.sources
    )
    const people = ranked.slice(0, MAX_PEOPLE)

    const pr = prPeople(facts.pr, facts.previous.requested)
    const resolver = createResolver(ports.github, config.users, ports.logins)
    const gathered: Gathered = {
      people,
      unranked: ranked.length - people.length,
      resolved: {},
      access: {}
    }
    // Best ranked first, until `max` people are found: fewer lookups than looking up everyone.
    for (const person of people) {
      const resolution = await resolver.resolve(person.user)
      gathered.resolved[person.user.id] = resolution
      const login = resolution.login
      if (login !== null && screen(login, pr) === 'open') {
        gathered.access[login.toLowerCase()] ??= await resolver.permission(login)
      }
      if (selectReviewers(gathered, pr, config).suggested.length >= config.max) break
    }
    return gathered
  },

  plan(facts: Facts, gathered: Gathered, settings: Settings): RulePlan {
    const config = settings.rules.suggestReviewers
    // An outsider's PR names the issues, and so whom a request would notify: suggested only.
    const mode = facts.author.trusted ? config.mode : 'comment'
    const reviewers = selectReviewers(gathered, prPeople(facts.pr, facts.previous.requested), {
      ...config,
      mode
    })
    const actions: Action[] =
      mode === 'request'
        ? reviewers.suggested
            .filter((s) => !s.requestedEarlier)
            .map((s) => ({
              type: 'github.requestReviewer',
              rule: 'suggest-reviewers',
              prNumber: facts.pr.pr.number,
              login: s.login
            }))
        : []
    const notes = [
      hiddenEmailNote(gathered.people, reviewers, config.users),
      config.mode === 'request' && mode === 'comment'
        ? notRequestedNote(reviewers, facts.author, facts.event)
        : null
    ].filter((n) => n !== null)
    return { actions, notes, reviewers }
  }
}
