/**
 * The Bot Framework adapter (CloudAdapter with ConfigurationBotFrameworkAuthentication). With no
 * MicrosoftAppId it accepts unauthenticated local traffic, like the Emulator; with one, only
 * requests signed by the Bot Framework. A failed turn gets a kind apology and a way to reach a
 * person, the dialog stack is reset, and the process keeps running.
 */
import { Activity, CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, InvokeResponse, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { AuthenticationConstants, ServiceClientCredentialsFactory } from 'botframework-connector';
import { Config } from '../config/config';
import { Logger } from '../logging/logger';
import { ReusingBotFrameworkAuthentication } from './reusedConnectors';

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

/**
 * `credentials` replaces how the bot gets the token it signs replies with (by default MSAL with
 * MicrosoftAppId and MicrosoftAppPassword against Microsoft's login).
 */
export function createAdapter(config: Config, handling: TurnErrorHandling, credentials?: ServiceClientCredentialsFactory): AdviceAdapter {
  // Once one endpoint is set botbuilder expects them all, so the rest are the public cloud's own.
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.MicrosoftAppId ?? '',
      MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
      ToBotFromChannelOpenIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
      ToBotFromChannelTokenIssuer: config.BOT_TOKEN_ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
      ValidateAuthority: true,
    },
    credentials,
  );
  const adapter = new AdviceAdapter(new ReusingBotFrameworkAuthentication(auth));
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
