/**
 * The relational schema, one file per capability; every enum comes from the one vocabulary
 * (app/shared/vocabulary.ts). Migrations are generated from here (npm run db:generate) and committed; a landed
 * migration is never edited.
 */
export * from './catalogue'
export * from './accounts'
export * from './rounds'
export * from './live'
export * from './meetings'
export * from './notices'
export * from './forums'
export * from './site'
export * from './monitoring'
export * from './publications'
export * from './report'
