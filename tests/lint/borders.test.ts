import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../setup/server'

/**
 * The borders of the house (DESIGN.md "Layout") are lint rules in .oxlintrc.json. Here each rule meets a deliberate
 * violation in a throwaway tree with the project's own configuration, and must report it; a tree that keeps the
 * rules must pass.
 */

const oxlint = path.join(repoRoot, 'node_modules/.bin/oxlint')
let tree: string

function write(file: string, text: string) {
  const full = path.join(tree, file)
  fs.mkdirSync(path.dirname(full), { recursive: true })
  fs.writeFileSync(full, text)
}

/** oxlint's findings for one file of the throwaway tree, a line each: "rule: help". */
function lint(file: string): string {
  let out: string
  try {
    out = execFileSync(oxlint, ['-c', '.oxlintrc.json', '--format', 'json', file], { cwd: tree, encoding: 'utf8', stdio: 'pipe' })
  } catch (error) {
    out = String((error as { stdout?: string }).stdout ?? '')
  }
  const { diagnostics } = JSON.parse(out) as { diagnostics: { code: string; message: string; help?: string }[] }
  return diagnostics.map((d) => `${d.code}: ${d.help ?? d.message}`).join('\n')
}

beforeAll(() => {
  tree = fs.mkdtempSync(path.join(os.tmpdir(), 'zielwerk-borders-'))
  fs.copyFileSync(path.join(repoRoot, '.oxlintrc.json'), path.join(tree, '.oxlintrc.json'))
  write('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '~/*': ['./app/*'] } } }))
  write('app/shared/vocabulary.ts', 'export const WORDS = 1\n')
  write('app/shared/live/layout.ts', "import { WORDS } from '../vocabulary'\nexport const LAYOUT = WORDS\n")
  write('app/ui/badge.tsx', 'export const Badge = () => null\n')
  write('app/routes/goal/goal.server.ts', "import { Db } from '../../../server/db'\nexport const load = () => Db\n")
  write('server/db.ts', 'export const Db = 1\n')
  write('server/services/ok.ts', "import { LAYOUT } from '../../app/shared/live/layout'\nexport const ok = LAYOUT\n")
  write('app/shared/charts/chart.tsx', "import { useId } from 'react'\nimport { WORDS } from '../vocabulary'\nexport const Chart = () => [useId(), WORDS]\n")
  write('server/exports/print.tsx', "import { Chart } from '../../app/shared/charts/chart'\nimport { WORDS } from '~/shared/vocabulary'\nexport const print = [Chart, WORDS]\n")
  write('db/schema.ts', "import { WORDS } from '../app/shared/vocabulary'\nexport const schema = WORDS\n")
})

afterAll(() => fs.rmSync(tree, { recursive: true, force: true }))

describe('the lint rules of the borders', () => {
  it('pass a tree that keeps them', () => {
    for (const file of ['app/shared/live/layout.ts', 'app/routes/goal/goal.server.ts', 'server/services/ok.ts', 'db/schema.ts', 'app/shared/charts/chart.tsx', 'server/exports/print.tsx']) expect(lint(file), file).toBe('')
  })

  it('refuse server/ importing app/ outside app/shared/ (relative and through ~/)', () => {
    write('server/services/bad.ts', "import { Badge } from '../../app/ui/badge'\nexport const bad = Badge\n")
    write('server/services/bad2.ts', "import { Badge } from '~/ui/badge'\nexport const bad = Badge\n")
    expect(lint('server/services/bad.ts')).toMatch(/no-restricted-imports.*server\/ takes from app\/ only app\/shared/)
    expect(lint('server/services/bad2.ts')).toMatch(/no-restricted-imports.*server\/ takes from app\/ only app\/shared/)
  })

  it('refuse app/shared/charts/ (the one React in app/shared/) importing the rest of app/, or a router, translation hook or live-document API', () => {
    write('app/shared/charts/bad.tsx', "import { Badge } from '../../ui/badge'\nimport { Route } from '~/routes/goal/goal'\nimport { useTranslation } from 'react-i18next'\nimport { Link } from 'react-router'\nexport const bad = [Badge, Route, useTranslation, Link]\n")
    const out = lint('app/shared/charts/bad.tsx')
    expect(out.match(/app\/shared\/ imports nothing else from app\//g)).toHaveLength(2)
    expect(out.match(/app\/shared\/charts\/ is the one React in app\/shared\//g)).toHaveLength(2)
    // React elsewhere in app/shared/ is still refused.
    write('app/shared/live/react.tsx', "import { useState } from 'react'\nexport const bad = useState\n")
    expect(lint('app/shared/live/react.tsx')).toMatch(/app\/shared\/ holds no React/)
  })

  it('refuse db/ importing server/ or app/ outside app/shared/', () => {
    write('db/seed/bad.ts', "import { Db } from '../../server/db'\nexport const bad = Db\n")
    write('db/seed/bad2.ts', "import { Badge } from '../../app/ui/badge'\nexport const bad = Badge\n")
    expect(lint('db/seed/bad.ts')).toMatch(/no-restricted-imports.*db\/ never imports server\//)
    expect(lint('db/seed/bad2.ts')).toMatch(/no-restricted-imports.*db\/ takes from app\/ only app\/shared/)
  })

  it('refuse app/shared/ importing the rest of app/ or React', () => {
    write('app/shared/bad.ts', "import { Badge } from '../ui/badge'\nexport const bad = Badge\n")
    write('app/shared/live/bad.ts', "import { Badge } from '~/ui/badge'\nimport { useState } from 'react'\nexport const bad = [Badge, useState]\n")
    expect(lint('app/shared/bad.ts')).toMatch(/no-restricted-imports.*app\/shared\/ imports nothing else from app\//)
    const live = lint('app/shared/live/bad.ts')
    expect(live).toMatch(/app\/shared\/ imports nothing else from app\//)
    expect(live).toMatch(/app\/shared\/ holds no React/)
  })

  it('refuse a UI module reaching server/ or db/ other than through its *.server.ts', () => {
    write('app/ui/bad.tsx', "import { Db } from '../../server/db'\nexport const bad = Db\n")
    write('app/routes/goal/goal.tsx', "import type { Db } from '../../../server/db'\nexport type Bad = Db\n")
    expect(lint('app/ui/bad.tsx')).toMatch(/no-restricted-imports.*through a sibling \*\.server\.ts/)
    expect(lint('app/routes/goal/goal.tsx')).toMatch(/no-restricted-imports.*through a sibling \*\.server\.ts/)
  })

  it('refuse SQL in a route *.server.ts (drizzle-orm or the schema): it calls services', () => {
    write('app/routes/goal/sql.server.ts', "import { eq } from 'drizzle-orm'\nimport { goals } from '../../../db/schema'\nexport const bad = [eq, goals]\n")
    const out = lint('app/routes/goal/sql.server.ts')
    expect(out.match(/no-restricted-imports.*SQL lives in server\/services/g)).toHaveLength(2)
  })

  it('refuse a component importing a *.server module', () => {
    write('app/ui/bad-server.tsx', "import { load } from '~/routes/goal/goal.server'\nexport const bad = load\n")
    expect(lint('app/ui/bad-server.tsx')).toMatch(/no-restricted-imports.*\*\.server\.ts module is imported by its route module only/)
  })

  it('refuse an import cycle, type-only imports included', () => {
    write('app/routes/cycle/a.tsx', "import type { B } from './b'\nexport type A = { b: B }\n")
    write('app/routes/cycle/b.tsx', "import type { A } from './a'\nexport type B = { a: A }\n")
    expect(lint('app/routes/cycle/a.tsx')).toMatch(/no-cycle/)
  })
})
