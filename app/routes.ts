import { index, route, type RouteConfig } from '@react-router/dev/routes'

export default [
  index('routes/overview.tsx'),
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  route('sprache', 'routes/language.tsx'),
  route('konto', 'routes/account.tsx'),
  route('ziele/:number', 'routes/goal.tsx'),
  route('massnahmen/:id', 'routes/measure.tsx'),
  route('live/status', 'routes/live-status.ts'),
  route('runden', 'routes/rounds.tsx'),
  route('runden/:id/fortschritt', 'routes/progress.tsx'),
  route('fortschritt', 'routes/progress-current.ts'),
  route('aufgaben', 'routes/todo.tsx'),
  route('vergleich', 'routes/comparison.tsx'),
  route('admin', 'routes/admin.tsx'),
  route('admin/benutzer', 'routes/admin-users.tsx'),
  route('admin/benutzer/:id', 'routes/admin-user.tsx'),
  route('admin/einheiten', 'routes/admin-units.tsx'),
  route('admin/zuordnungen', 'routes/admin-assignments.tsx'),
  route('admin/zuordnungen/vorlage.csv', 'routes/admin-assignments-template.ts'),
] satisfies RouteConfig
