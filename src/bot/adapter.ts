/**
 * The Bot Framework adapter (CloudAdapter with ConfigurationBotFrameworkAuthentication). With no
 * MicrosoftAppId it accepts unauthenticated local traffic, like the Emulator; with one, only
 * requests signed by the Bot Framework. A failed turn gets a kind apology and a way to reach a
 * person, the dialog stack is reset, and the process keeps running.
 */
import { Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, InvokeResponse, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { Config } from '../config/config';
import { Logger } from '../logging/logger';

export interface TurnErrorHandling {
  logger: Logger;
  /** The apology, in the bot's own words. */
  apologise: (context: TurnContext) => Promise<void>;
  /** Cleared so the next message starts afresh instead of failing again. */
  dialogState: StatePropertyAccessor<unknown>;
  saveState: (context: TurnContext) => Promise<void>;
}

/**
 * CloudAdapter, taking activities the HTTP layer has already parsed and validated, so that the
 * server decides every status code and never passes on an internal error's text (CloudAdapter's
 * own process() answers 500 with the error message, a forged token's network failure included).
 */
export class AdviceAdapter extends CloudAdapter {
  takeActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(config: Config, handling: TurnErrorHandling): AdviceAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new AdviceAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    handling.logger.error({ err: error, channel: context.activity.channelId, activityType: context.activity.type }, 'turn failed');
    try {
      await handling.apologise(context);
      await handling.dialogState.delete(context);
      await handling.saveState(context);
    } catch (followUp) {
      handling.logger.error({ err: followUp }, 'could not recover from a failed turn');
    }
  };
  return adapter;
}
