/** Numbered schema changes. Never edit a released migration: add a new one. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE bot_state (
     key TEXT PRIMARY KEY,
     etag INTEGER NOT NULL,
     data TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
];
