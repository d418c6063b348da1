/**
 * The config pipeline: read `.github/gitar-jira.yml` at the base branch, validate it, merge the
 * inputs over it and the defaults under it. main.ts calls `loadSettings` once, before anything
 * is written.
 */
import * as core from '@actions/core'
import type { Inputs } from '../inputs.js'
import { DEFAULT_CONFIG_PATH } from './defaults.js'
import { emptyConfig, parseConfigText } from './load.js'
import { mergeSettings } from './merge.js'
import type { Settings } from './settings.js'

export { DEFAULT_CONFIG_PATH, defaultSettings } from './defaults.js'
export {
  configError,
  emptyConfig,
  formatKeyPath,
  parseConfigText,
  type KeyPath,
  type ParsedConfig,
  type Position
} from './load.js'
export { mergeSettings, type MergeArgs } from './merge.js'
export { configSchema, type ConfigFile, type FileConfig } from './schema.js'
export * from './settings.js'

export interface LoadSettingsArgs {
  inputs: Inputs
  /** The file's text at `ref`, or null when there is no such file (GitHubPort.getFileText). */
  readFile: (path: string, ref: string) => Promise<string | null>
  /** The base branch, so a PR cannot change its own rules. */
  ref: string
}

/**
 * Settings from the inputs, the config file at `ref` and the built-in defaults. Throws
 * `UserErrors` (file, line and key in each) when the file is not valid.
 */
export async function loadSettings({ inputs, readFile, ref }: LoadSettingsArgs): Promise<Settings> {
  const path = inputs.configPath
  const text = await readFile(path, ref)
  const found = text !== null
  if (found) {
    core.info(`Config read from ${path} at ${ref}.`)
  } else {
    const message = `No config file at ${path} on ${ref}: using the built-in defaults.`
    // GitHub hides a private repository from a token that cannot see it: a 404 as well. (A
    // GITHUB_TOKEN without contents: read gets a 403, an error naming the permission.)
    const hidden = "If the file is there, 'github-token' cannot see this repository."
    // A path someone chose and that is not there is probably a typo in 'config-path'.
    if (path === DEFAULT_CONFIG_PATH) core.info(`${message} ${hidden}`)
    else
      core.warning(`${message} Check the input 'config-path'. ${hidden}`, {
        title: 'Config file not found'
      })
  }
  const parsed = found ? parseConfigText(text, path) : emptyConfig(path)
  return mergeSettings({ parsed, inputs, source: { path, ref, found } })
}
