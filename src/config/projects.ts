import type { Settings } from './settings.js'

/** The key is of a project the config allows (all, when `jira.projects` is null). */
export function inProjects(key: string, settings: Settings): boolean {
  const projects = settings.jira.projects
  return !projects || projects.includes(key.slice(0, key.lastIndexOf('-')))
}
