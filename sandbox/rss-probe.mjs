// Preloaded into the action's process by sandbox/run-action.ts: records its peak memory at exit.
import { writeFileSync } from 'node:fs'

const target = process.env.GITAR_JIRA_RSS_FILE
if (target) {
  process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)))
}
