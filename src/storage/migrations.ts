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
  `CREATE TABLE transcript (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     conversation_id TEXT NOT NULL,
     sender TEXT NOT NULL CHECK (sender IN ('user', 'bot', 'adviser')),
     text TEXT NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX transcript_by_conversation ON transcript (conversation_id, id);
   CREATE INDEX transcript_by_time ON transcript (at);

   CREATE TABLE handoffs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     conversation_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     reference TEXT NOT NULL,
     summary TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('waiting', 'with_adviser', 'ended', 'timed_out', 'left')),
     adviser TEXT,
     queued_at INTEGER NOT NULL,
     accepted_at INTEGER,
     ended_at INTEGER,
     told_position INTEGER
   );
   CREATE INDEX handoffs_by_conversation ON handoffs (conversation_id, id);
   CREATE INDEX handoffs_by_status ON handoffs (status, queued_at);

   CREATE TABLE left_messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     conversation_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     reference TEXT NOT NULL,
     summary TEXT NOT NULL,
     text TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     done_at INTEGER,
     done_by TEXT
   );
   CREATE INDEX left_messages_by_time ON left_messages (created_at);

   CREATE TABLE advisers (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     username TEXT NOT NULL UNIQUE,
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );

   CREATE TABLE adviser_sessions (
     token_hash TEXT PRIMARY KEY,
     adviser_id INTEGER NOT NULL REFERENCES advisers (id) ON DELETE CASCADE,
     csrf_token TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );`,
  // The safety check's verdict on each of the family's lines, stored when the line is written,
  // so the console never runs the detector over stored text again.
  `ALTER TABLE transcript ADD COLUMN danger INTEGER NOT NULL DEFAULT 0;`,
  // The local Direct Line's tokens (hashes only), conversations and their activities, so that a restart
  // or a flood of strangers ends nobody's webchat; and settings this installation keeps, such as the
  // secret in the local Direct Line's serviceUrl. `client` is a keyed hash of the starting address.
  `CREATE TABLE directline_tokens (
     token_hash TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     user_id TEXT,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX directline_tokens_by_expiry ON directline_tokens (expires_at);
   CREATE INDEX directline_tokens_by_conversation ON directline_tokens (conversation_id);

   CREATE TABLE directline_conversations (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     user_name TEXT,
     client TEXT NOT NULL,
     started INTEGER NOT NULL DEFAULT 0,
     next_sequence INTEGER NOT NULL DEFAULT 0,
     bytes INTEGER NOT NULL DEFAULT 0,
     last_seen INTEGER NOT NULL
   );
   CREATE INDEX directline_conversations_by_user ON directline_conversations (user_id);
   CREATE INDEX directline_conversations_by_client ON directline_conversations (client);
   CREATE INDEX directline_conversations_by_last_seen ON directline_conversations (last_seen);

   CREATE TABLE directline_activities (
     conversation_id TEXT NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
     sequence INTEGER NOT NULL,
     body TEXT NOT NULL,
     bytes INTEGER NOT NULL,
     at INTEGER NOT NULL,
     PRIMARY KEY (conversation_id, sequence)
   ) WITHOUT ROWID;
   CREATE INDEX directline_activities_by_time ON directline_activities (at);

   CREATE TABLE settings (
     name TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
  // An adviser's private notes on a conversation: the family never sees them. Kept with the
  // transcript, under the same retention, and deleted with it by "delete my data". And what came
  // of each chat with an adviser, chosen by the adviser once it ends. And the audit log: who did
  // what in the console, and when (ids only, never a family's words), under the same retention.
  `CREATE TABLE adviser_notes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     conversation_id TEXT NOT NULL,
     handoff_id INTEGER NOT NULL,
     adviser TEXT NOT NULL,
     text TEXT NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX adviser_notes_by_conversation ON adviser_notes (conversation_id);
   CREATE INDEX adviser_notes_by_time ON adviser_notes (at);
   ALTER TABLE handoffs ADD COLUMN outcome TEXT;

   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     adviser TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT,
     at INTEGER NOT NULL
   );
   CREATE INDEX audit_log_by_time ON audit_log (at);`,
  // Roles: a lead manages accounts and reads reports; a disabled account can no longer sign in.
  // The family's rating of a chat (1 not good, 2 OK, 3 good), kept with the handoff beside its outcome.
  // For reports, which count and never name anyone: the channel of each transcript line, and each
  // article given as an answer (its id, channel and time only, nothing that leads back to a family).
  `ALTER TABLE advisers ADD COLUMN role TEXT NOT NULL DEFAULT 'adviser' CHECK (role IN ('adviser', 'lead'));
   ALTER TABLE advisers ADD COLUMN disabled_at INTEGER;
   ALTER TABLE handoffs ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 3);
   ALTER TABLE handoffs ADD COLUMN rated_at INTEGER;
   CREATE INDEX handoffs_by_queued_at ON handoffs (queued_at);
   ALTER TABLE transcript ADD COLUMN channel_id TEXT;

   CREATE TABLE topics_asked (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     article_id TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX topics_asked_by_time ON topics_asked (at);`,
  // A password a lead made or typed for someone is for one sign-in: its owner must then choose their own.
  `ALTER TABLE advisers ADD COLUMN password_change_due INTEGER NOT NULL DEFAULT 0;`,
  // The sign-in limit, kept where every instance sees it (src/web/advisers/signInLimiter.ts): each try
  // (in flight until it fails or succeeds) and each account's run of failures, under keyed hashes only.
  `CREATE TABLE sign_in_tries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     account_key TEXT NOT NULL,
     address_key TEXT NOT NULL,
     started_at INTEGER NOT NULL,
     failed_at INTEGER
   );
   CREATE INDEX sign_in_tries_by_account ON sign_in_tries (account_key);
   CREATE INDEX sign_in_tries_by_address ON sign_in_tries (address_key);

   CREATE TABLE sign_in_accounts (
     account_key TEXT PRIMARY KEY,
     failures INTEGER NOT NULL,
     last_failure INTEGER NOT NULL
   );`,
  // Lines the safety check was not sure about (it would have asked "Is anyone in danger right now?"),
  // so the adviser holding a live chat, where the bot asks nothing, sees them marked.
  `ALTER TABLE transcript ADD COLUMN unsure INTEGER NOT NULL DEFAULT 0;`,
];
