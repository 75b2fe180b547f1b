import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * `npm run bench -- <scenario>`: runs tests/bench/<scenario>.ts. A scenario module's default export returns its
 * figures; this dispatcher prints them as one JSON object on the very last line, so every benchmark's output
 * ends the same way. Benchmarks print figures and assert nothing.
 */

export type Figures = Record<string, number | string | boolean | null>
export type Scenario = (args: string[]) => Promise<Figures>

const here = import.meta.dirname

function scenarios(): string[] {
  return fs
    .readdirSync(here)
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && !file.startsWith('_') && !file.endsWith('.test.ts'))
    .map((file) => file.slice(0, -3))
    .sort()
}

async function main() {
  const [name, ...args] = process.argv.slice(2)
  const known = scenarios()
  if (!name || !known.includes(name)) {
    console.error(`${name ? `Unbekanntes Szenario: ${name}. ` : ''}Aufruf: npm run bench -- <${known.join('|')}>`)
    process.exit(2)
  }
  const module = (await import(pathToFileURL(path.join(here, `${name}.ts`)).href)) as { default?: Scenario }
  if (typeof module.default !== 'function') throw new Error(`tests/bench/${name}.ts exportiert keine Funktion als default.`)
  const figures = await module.default(args)
  console.log(JSON.stringify(figures))
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(1)
  },
)
