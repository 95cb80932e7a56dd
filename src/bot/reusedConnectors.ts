/**
 * CloudAdapter asks its BotFrameworkAuthentication for a new ConnectorClient and a new
 * UserTokenClient on every turn, and each one builds its own Azure HTTP pipeline and credentials:
 * in a profile under load that was a large share of the framework's own cost per turn. Both are
 * stateless between requests (the credentials cache their own token and renew it), so this wrapper
 * keeps one per app id, service URL and audience and hands the same one to every turn. Checking who
 * sent each activity is still done afresh on every request by the wrapped authentication.
 */
import { Activity } from 'botbuilder';
import {
  AuthenticateRequestResult,
  BotFrameworkAuthentication,
  BotFrameworkClient,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  JwtTokenValidation,
  UserTokenClient,
} from 'botframework-connector';
import { timed } from '../metrics/turnTimings';

/** More distinct service URLs than this is not one bot's channels; the oldest client is let go. */
const MAX_CLIENTS = 64;

/** A Map that forgets its oldest entry beyond `MAX_CLIENTS`, and builds what it lacks once even when asked twice at once. */
class BoundedCache<T> {
  private readonly items = new Map<string, Promise<T>>();

  get(key: string, build: () => Promise<T>): Promise<T> {
    const found = this.items.get(key);
    if (found) return found;
    const made = build();
    // A failed build (credentials that could not be made) is not kept: the next turn tries again.
    made.catch(() => this.items.delete(key));
    this.items.set(key, made);
    if (this.items.size > MAX_CLIENTS) this.items.delete(this.items.keys().next().value as string);
    return made;
  }
}

class ReusingConnectorFactory extends ConnectorFactory {
  private readonly clients = new BoundedCache<ConnectorClient>();

  constructor(private readonly inner: ConnectorFactory) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return timed('auth', () => this.clients.get(`${serviceUrl} ${audience ?? ''}`, () => this.inner.create(serviceUrl, audience)));
  }
}

/** The app id a claims identity speaks for ('' when unauthenticated), as the SDK keys its credentials. */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
}

export class ReusingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly factories = new Map<string, ReusingConnectorFactory>();
  private readonly userTokenClients = new BoundedCache<UserTokenClient>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.withReusedFactory(await timed('auth', () => this.inner.authenticateRequest(activity, authHeader)));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.withReusedFactory(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.factoryFor(appIdOf(claimsIdentity), () => this.inner.createConnectorFactory(claimsIdentity));
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return timed('auth', () => this.userTokenClients.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity)));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private withReusedFactory(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const { connectorFactory } = result;
    if (!connectorFactory) return result;
    return { ...result, connectorFactory: this.factoryFor(appIdOf(result.claimsIdentity), () => connectorFactory) };
  }

  /** One factory per app id: every factory the SDK makes for one app id builds the same clients. */
  private factoryFor(appId: string, make: () => ConnectorFactory): ReusingConnectorFactory {
    let factory = this.factories.get(appId);
    if (!factory) {
      factory = new ReusingConnectorFactory(make());
      this.factories.set(appId, factory);
    }
    return factory;
  }
}
