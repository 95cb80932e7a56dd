/** The event bus this configuration needs: LISTEN/NOTIFY on the shared PostgreSQL database, or none beyond this process. */
import { Logger } from '../logging/logger';
import { EventBus, InProcessEventBus } from './eventBus';
import { PostgresEventBus } from './postgresEventBus';

export async function openEventBus(databaseUrl: string | undefined, logger: Logger): Promise<EventBus> {
  return databaseUrl ? PostgresEventBus.open(databaseUrl, logger) : new InProcessEventBus();
}
