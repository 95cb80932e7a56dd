/** Commands that work anywhere, as families type them: with everyday words around them, misspelt, or not at all. */
import { CommandRecogniser } from '../src/language/commands';

const commands = CommandRecogniser.load();

describe('recognising a command', () => {
  it.each([
    ['bye', 'bye'],
    ['ok bye', 'bye'],
    ['okay thanks', 'thanks'],
    ['right thank you then', 'thanks'],
    ['thanks x', 'thanks'],
    ['please can you help', 'help'],
    ['oh menu please', 'menu'],
    ['can I talk to a person please', 'person'],
    ['thank yu', 'thanks'],
  ])('takes "%s" as %s', (text, command) => expect(commands.recognise(text)).toBe(command));

  it.each(['ok 2', 'ok', 'right now', 'my son is 6', 'help me he is hitting her', 'i need help with the letter'])('takes "%s" as no command', (text) =>
    expect(commands.recognise(text)).toBeUndefined(),
  );
});
