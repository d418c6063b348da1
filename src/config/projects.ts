import type { Settings } from './settings.js'

/** The project of an issue key: `ABC` of `ABC-12`. */
export function projectOf(key: string): string {
  return key.slice(0, key.lastIndexOf('-'))
}

/** The key is of a project the config allows (all, when `jira.projects` is null). */
export function inProjects(key: string, settings: Settings): boolean {
  const projects = settings.jira.projects
  return !projects || projects.includes(projectOf(key))
}
