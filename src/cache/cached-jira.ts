/**
 * The Jira port with its metadata reads served from the cache: issue link types, and the
 * transitions of a workflow status (project, issue type, status of an issue this run read),
 * read at most once per run for all the issues that share it.
 * Every other call goes to Jira as it is. A cached value that proves wrong is read again, once:
 *  - a transition Jira refuses that it no longer offers the issue: the transitions are read
 *    again and the one to the same status is tried (a workflow edited since);
 *  - a cached list with no transition to the status the caller wants: read again, since
 *    conditions may offer this issue what the cached one was not offered;
 *  - a link type Jira refuses that it no longer has by that name: the types are read again and
 *    the same type (by id, else by its inward and outward words) is used under its new name.
 * A failure of the second attempt is what the caller would have seen without a cache.
 */
import * as core from '@actions/core'
import type { IssueLinkType, JiraIssue, JiraPort, Transition } from '../jira/port.js'
import { sameName } from '../jira/names.js'
import { fillScreen } from '../jira/screen.js'
import { workflowStatus, type MetadataCache } from './metadata.js'

/** `inner` with `overrides`; every other member is inner's own, bound to it. */
function decorate<T extends object>(inner: T, overrides: Partial<T>): T {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T]
      const value: unknown = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    }
  })
}

export function cachedJira(inner: JiraPort, cache: MetadataCache): JiraPort {
  /** Issue key → its workflow status, from the issues this run read. */
  const statusOf = new Map<string, string>()
  /** Issue key → the cached transitions it was given, until Jira proves them right or wrong. */
  const servedTransitions = new Map<string, { status: string; list: Transition[] }>()
  /** Workflow status → what this run knows it offers: the cached list, else the first one read. */
  const offered = new Map<string, Promise<{ list: Transition[]; readFor: string | null }>>()
  let servedLinkTypes: IssueLinkType[] | null = null
  const renamedLinkTypes = new Map<string, string>()

  const remember = (issues: JiraIssue[]) => {
    for (const issue of issues) {
      const status = workflowStatus(issue)
      if (status !== null) statusOf.set(issue.key, status)
    }
    return issues
  }

  const overrides: Partial<JiraPort> = {
    getIssues: async (keys, options) => remember(await inner.getIssues(keys, options)),
    searchIssues: async (jql, options) => remember(await inner.searchIssues(jql, options)),

    async getTransitions(issueKey, reaching) {
      const status = statusOf.get(issueKey)
      if (status === undefined) return inner.getTransitions(issueKey, reaching)
      let shared = offered.get(status)
      const reads = shared === undefined
      if (shared === undefined) {
        shared = (async () => {
          const cached = await cache.transitions(status)
          if (cached !== null) return { list: cached, readFor: null }
          return { list: await readTransitions(issueKey, status, reaching), readFor: issueKey }
        })()
        offered.set(status, shared)
      }
      const known = await shared.catch((error: unknown) => {
        if (reads) throw error
        return null
      })
      if (known?.readFor === issueKey) return known.list
      if (
        known &&
        (reaching === undefined || known.list.some((t) => sameName(t.to.name, reaching)))
      ) {
        core.debug(`Transitions of ${issueKey}: those of its workflow status, known already.`)
        servedTransitions.set(issueKey, { status, list: known.list })
        return known.list
      }
      return readTransitions(issueKey, status, reaching)
    },

    async transitionIssue(issueKey, transitionId, fill) {
      const outcome = await inner.transitionIssue(issueKey, transitionId, fill)
      const served = servedTransitions.get(issueKey)
      servedTransitions.delete(issueKey)
      if (outcome.ok || served === undefined) return outcome
      let live: Transition[]
      try {
        live = await inner.getTransitions(issueKey)
      } catch {
        return outcome
      }
      await cache.putTransitions(served.status, live)
      offered.set(served.status, Promise.resolve({ list: live, readFor: issueKey }))
      // The same transition, else one to the same status (an admin edited the workflow).
      const target = served.list.find((t) => t.id === transitionId)?.to.name
      const now =
        live.find((t) => t.id === transitionId) ??
        (target === undefined ? undefined : live.find((t) => sameName(t.to.name, target)))
      if (!now) return { ...outcome, live }
      // Its screen picks again: the cached one may be older than a screen an admin added.
      const refill = fill ? fillScreen(now, fill).fill : undefined
      if (now.id === transitionId && refill?.resolution === fill?.resolution) {
        // Refused for another reason: a validator, a field the action leaves empty.
        return { ...outcome, live }
      }
      core.debug(`Cached transition ${transitionId} of ${issueKey} is out of date: trying again.`)
      const again = await inner.transitionIssue(issueKey, now.id, refill)
      const sent = { transitionId: now.id, ...(refill ? { fill: refill } : {}) }
      return again.ok ? { ...again, sent } : { ...again, live, sent }
    },

    async getIssueLinkTypes() {
      const cached = await cache.linkTypes()
      if (cached !== null) {
        core.debug('Issue link types from the cache.')
        servedLinkTypes = cached
        return cached
      }
      const live = await inner.getIssueLinkTypes()
      await cache.putLinkTypes(live)
      return live
    },

    async linkIssues(typeName, inwardKey, outwardKey) {
      const name = renamedLinkTypes.get(typeName) ?? typeName
      try {
        return await inner.linkIssues(name, inwardKey, outwardKey)
      } catch (error) {
        const served = servedLinkTypes
        if (served === null) throw error
        servedLinkTypes = null
        const renamed = await renamedLinkType(served, name).catch(() => null)
        if (!renamed) throw error
        renamedLinkTypes.set(typeName, renamed)
        return await inner.linkIssues(renamed, inwardKey, outwardKey)
      }
    }
  }

  async function readTransitions(issueKey: string, status: string, reaching?: string) {
    const live = await inner.getTransitions(issueKey, reaching)
    await cache.putTransitions(status, live)
    return live
  }

  /** The new name of the cached link type `name`, when Jira no longer knows that name. */
  async function renamedLinkType(served: IssueLinkType[], name: string): Promise<string | null> {
    const live = await inner.getIssueLinkTypes()
    await cache.putLinkTypes(live)
    if (live.some((t) => t.name === name)) return null
    const was = served.find((t) => t.name === name)
    if (!was) return null
    const now =
      live.find((t) => t.id !== '' && t.id === was.id) ??
      live.find((t) => t.inward === was.inward && t.outward === was.outward)
    if (now) core.debug(`Issue link type "${name}" is now "${now.name}".`)
    return now?.name ?? null
  }

  return decorate(inner, overrides)
}
