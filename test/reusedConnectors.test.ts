/** CloudAdapter's connector clients are built once per app id and service URL, not once per turn. */
import { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ReusingBotFrameworkAuthentication } from '../src/bot/reusedConnectors';

const activityTo = (serviceUrl: string) => ({ type: 'message', serviceUrl, channelId: 'webchat', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } }) as Activity;

function unsignedAuthentication(): ReusingBotFrameworkAuthentication {
  return new ReusingBotFrameworkAuthentication(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' }),
  );
}

async function clientFor(auth: ReusingBotFrameworkAuthentication, serviceUrl: string) {
  const result = await auth.authenticateRequest(activityTo(serviceUrl), '');
  return result.connectorFactory!.create(serviceUrl, result.audience);
}

describe('connector clients across turns', () => {
  it('gives every turn to one service URL the same connector client and user token client', async () => {
    const auth = unsignedAuthentication();
    const first = await clientFor(auth, 'http://localhost:1');
    const second = await clientFor(auth, 'http://localhost:1');
    expect(second).toBe(first);
    const { claimsIdentity } = await auth.authenticateRequest(activityTo('http://localhost:1'), '');
    expect(await auth.createUserTokenClient(claimsIdentity)).toBe(await auth.createUserTokenClient(claimsIdentity));
  });

  it('keeps one client per service URL, each sending to its own address', async () => {
    const auth = unsignedAuthentication();
    const one = await clientFor(auth, 'http://localhost:1');
    const other = await clientFor(auth, 'http://localhost:2');
    expect(other).not.toBe(one);
    // baseUri is protected in the SDK's types; it is where the client sends.
    expect((other as unknown as { baseUri: string }).baseUri).toBe('http://localhost:2');
  });

  it('still checks who sent each activity: a forged token is refused on every turn', async () => {
    const auth = new ReusingBotFrameworkAuthentication(
      new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' }),
    );
    await expect(auth.authenticateRequest(activityTo('https://smba.trafficmanager.net/'), 'Bearer not-a-token')).rejects.toThrow();
    await expect(auth.authenticateRequest(activityTo('https://smba.trafficmanager.net/'), 'Bearer not-a-token')).rejects.toThrow();
  });
});
