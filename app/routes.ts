import { index, layout, route, type RouteConfig } from '@react-router/dev/routes'

// One folder per capability (app/routes/<capability>/); each route module has its server code beside it.
export default [
  // catalogue: the concept, its goals and measures, live
  index('routes/catalogue/overview.tsx'),
  route('ziele/:number', 'routes/catalogue/goal.tsx'),
  route('massnahmen/:id', 'routes/catalogue/measure.tsx'),
  route('live/status', 'routes/catalogue/status-stream.ts'),
  // rounds: reporting rounds, progress, to-do, comparison
  route('runden', 'routes/rounds/rounds.tsx'),
  route('runden/:id/fortschritt', 'routes/rounds/progress.tsx'),
  route('runden/:id/nachtragen', 'routes/rounds/baseline.tsx'),
  route('runden/:id/nachtragen/vorlage', 'routes/rounds/baseline-template.ts'),
  route('fortschritt', 'routes/rounds/progress-current.ts'),
  route('aufgaben', 'routes/rounds/todo.tsx'),
  route('vergleich', 'routes/rounds/comparison.tsx'),
  // meetings: the Jour fixe
  route('sitzungen', 'routes/meetings/meetings.tsx'),
  route('sitzungen/:id', 'routes/meetings/meeting.tsx'),
  route('sitzungen/:id/protokoll', 'routes/meetings/minutes.tsx'),
  route('sitzungen/:id/protokoll.docx', 'routes/meetings/minutes-docx.ts'),
  // report: the overview and the evaluation report as files, the Excel import of proposals
  route('runden/:id/import', 'routes/report/import.tsx'),
  route('runden/:id/bericht', 'routes/report/report.tsx'),
  // The round's files by name: a static last segment ranks them ahead of most routes (React Router tries its ranked
  // routes in turn, twice per request: ~100 kB less to allocate per export). Any other name gets the German 404 below.
  ...['uebersicht.docx', 'uebersicht.pdf', 'uebersicht.xlsx', 'uebersicht.csv', 'bericht.docx', 'bericht.pdf'].map((file) =>
    route(`runden/:id/${file}`, 'routes/report/export.ts', { id: `routes/report/export-${file}` }),
  ),
  route('runden/:id/:file', 'routes/report/export.ts'),
  // published: a closed round's overview and report without login; the commissioner publishes and withdraws
  route('runden/:id/veroeffentlichung', 'routes/published/publish.tsx'),
  route('veroeffentlicht', 'routes/published/list.tsx'),
  route('veroeffentlicht/runden/:roundId', 'routes/published/overview.tsx'),
  route('veroeffentlicht/runden/:roundId/bericht', 'routes/published/report.tsx'),
  route('veroeffentlicht/runden/:roundId/:file', 'routes/published/export.ts'),
  // admin
  route('admin', 'routes/admin/admin.tsx'),
  route('admin/benutzer', 'routes/admin/users.tsx'),
  route('admin/benutzer/:id', 'routes/admin/user.tsx'),
  route('admin/einheiten', 'routes/admin/units.tsx'),
  route('admin/zuordnungen', 'routes/admin/assignments.tsx'),
  route('admin/zuordnungen/vorlage.csv', 'routes/admin/assignments-template.ts'),
  route('admin/texte', 'routes/admin/texts.tsx'),
  // forums (staff): setting up and running participation forums, moderation, televoting, review, print, projector
  route('foren', 'routes/forums/forums.tsx'),
  route('foren/listen', 'routes/forums/lists.tsx'),
  route('foren/:id', 'routes/forums/forum.tsx'),
  route('foren/:id/karten', 'routes/forums/cards.tsx'),
  route('foren/:id/abstimmungen', 'routes/forums/polls.tsx'),
  route('foren/:id/abstimmungen.csv', 'routes/forums/polls-csv.ts'),
  route('foren/:id/abstimmungen.xlsx', 'routes/forums/polls-xlsx.ts'),
  route('foren/:id/auswertung', 'routes/forums/review.tsx'),
  route('foren/:id/fotos', 'routes/forums/photos.tsx'),
  route('foren/:id/dateien/:file', 'routes/forums/file.ts'),
  route('foren/:id/druck', 'routes/forums/print.tsx'),
  route('foren/:id/plenum/:phase', 'routes/forums/plenary.tsx'),
  route('foren/:id/plakat/:table/:phase', 'routes/forums/poster.tsx'),
  route('foren/:id/projektor/:poll', 'routes/forums/projector.tsx'),
  route('foren/:id/live', 'routes/forums/live.ts'),
  route('foren/:id/:file', 'routes/forums/documents.ts'),
  // participate: taking part without an account, in six languages, with a forum session of its own
  layout('routes/participate/layout.tsx', [
    route('mitmachen', 'routes/participate/start.tsx'),
    route('mitmachen/sprache', 'routes/participate/language.tsx'),
    route('mitmachen/forum', 'routes/participate/forum.tsx'),
    route('mitmachen/plakat', 'routes/participate/poster.tsx'),
    route('mitmachen/verlassen', 'routes/participate/leave.tsx'),
    route('mitmachen/rueckmeldung', 'routes/participate/feedback.tsx'),
    route('mitmachen/datenschutz', 'routes/participate/privacy.tsx'),
    route('mitmachen/leichte-sprache', 'routes/participate/easy.tsx'),
  ]),
  route('mitmachen/forum/live', 'routes/participate/live.ts'),
  route('mitmachen/forum/material', 'routes/participate/material.ts'),
  // monitoring: indicators, values, data sheets, the quarterly report; published sheets without login
  route('monitoring', 'routes/monitoring/monitoring.tsx'),
  route('monitoring/kennzahlen/:id', 'routes/monitoring/indicator.tsx'),
  route('monitoring/import', 'routes/monitoring/import.tsx'),
  route('monitoring/import/vorlage.csv', 'routes/monitoring/import-template.ts', { id: 'routes/monitoring/import-template.csv' }),
  route('monitoring/import/vorlage.xlsx', 'routes/monitoring/import-template.ts', { id: 'routes/monitoring/import-template.xlsx' }),
  route('monitoring/vollstaendigkeit', 'routes/monitoring/completeness.tsx'),
  route('monitoring/datenblaetter', 'routes/monitoring/sheets.tsx'),
  route('monitoring/datenblaetter/:territory/:year', 'routes/monitoring/sheet.tsx'),
  route('monitoring/quartalsbericht', 'routes/monitoring/quarterly.tsx'),
  route('monitoring/referenz', 'routes/monitoring/reference.ts'),
  route('veroeffentlicht/datenblaetter', 'routes/monitoring/public-sheets.tsx', { id: 'routes/monitoring/public-sheets' }),
  route('veroeffentlicht/datenblaetter/:year', 'routes/monitoring/public-sheets.tsx', { id: 'routes/monitoring/public-sheets-year' }),
  route('monitoring/datenblaetter/:territory/:year/:file', 'routes/monitoring/export.ts', { id: 'routes/monitoring/export-sheet' }),
  route('monitoring/datenreport/:year/:file', 'routes/monitoring/export.ts', { id: 'routes/monitoring/export-report' }),
  route('monitoring/quartalsbericht/:quarter/:file', 'routes/monitoring/export.ts', { id: 'routes/monitoring/export-quarterly' }),
  route('veroeffentlicht/datenblaetter/:year/:territory', 'routes/monitoring/public-sheet.tsx'),
  route('veroeffentlicht/datenblaetter/:year/:territory/:file', 'routes/monitoring/public-export.ts', { id: 'routes/monitoring/public-export-sheet' }),
  route('veroeffentlicht/datenreport/:year/:file', 'routes/monitoring/public-export.ts', { id: 'routes/monitoring/public-export-report' }),
  // account: logging in and out, one's own account, language, notices
  route('login', 'routes/account/login.tsx'),
  route('logout', 'routes/account/logout.tsx'),
  route('sprache', 'routes/account/language.tsx'),
  route('konto', 'routes/account/account.tsx'),
  route('hinweise', 'routes/account/notices.tsx'),
  // site: the texts every page's footer links, readable without login
  route('barrierefreiheit', 'routes/site/accessibility.tsx'),
  route('datenschutz', 'routes/site/privacy.tsx'),
] satisfies RouteConfig
