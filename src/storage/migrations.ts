/** Numbered schema changes. Never edit a released migration: add a new one. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE bot_state (
     key TEXT PRIMARY KEY,
     etag INTEGER NOT NULL,
     data TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
  `CREATE TABLE feedback (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     conversation_id TEXT NOT NULL,
     article_id TEXT,
     journey_id TEXT,
     helpful INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX feedback_by_conversation ON feedback (conversation_id);
   CREATE INDEX feedback_by_time ON feedback (created_at);`,
];
