/**
 * Telling other languages from English: the common languages of families in England get one line
 * in their own language; English, however it is spelt, never does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LanguageDetector } from '../src/language/languageDetector';
import { loadVocabulary } from '../src/search/vocabulary';

const detector = LanguageDetector.load({ adviceLinePhone: '0808 801 0366' }, Object.keys(loadVocabulary().textspeak));
const FIXTURES = join(__dirname, 'fixtures');

describe('the language detector', () => {
  it.each([
    ['pol', 'Potrzebuję pomocy, opieka społeczna chce zabrać moje dzieci'],
    ['pol', 'dzien dobry mam problem z opieka spoleczna'],
    ['ron', 'Am nevoie de ajutor, asistentul social vrea să ia copiii mei'],
    ['urd', 'مجھے مدد کی ضرورت ہے، سوشل ورکر میرے بچوں کو لے جانا چاہتا ہے'],
    ['pan', 'ਮੈਨੂੰ ਮਦਦ ਦੀ ਲੋੜ ਹੈ, ਸੋਸ਼ਲ ਵਰਕਰ ਮੇਰੇ ਬੱਚੇ ਲੈ ਗਿਆ'],
    ['ben', 'আমার সাহায্য দরকার, সমাজকর্মী আমার বাচ্চাদের নিয়ে যেতে চায়'],
    ['arb', 'أحتاج إلى مساعدة، الأخصائي الاجتماعي يريد أخذ أطفالي'],
    ['som', 'Waxaan u baahanahay caawimaad, carruurtayda waxaa qaatay adeegga bulshada'],
    ['spa', 'Necesito ayuda, los servicios sociales quieren llevarse a mis hijos'],
    ['por', 'Preciso de ajuda, os serviços sociais querem levar os meus filhos'],
    ['tur', 'Yardıma ihtiyacım var, sosyal hizmetler çocuklarımı almak istiyor'],
  ])('knows %s in "%s"', (code, text) => {
    const found = detector.detect(text);
    expect(found?.code).toBe(code);
    expect(found?.reply[1]).toMatch(/0808 801 0366/);
  });

  it.each(['ok', 'hi', 'yes please', 'Kasia', 'my kids r wiv my mum since march n now the council want 2 check her out', 'wat is a cp plan', 'cannae get ma weans back'])(
    'leaves "%s" to be read as English',
    (text) => {
      expect(detector.detect(text)).toBeUndefined();
    },
  );

  it('takes none of the English evaluation messages for another language', () => {
    const texts = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(FIXTURES, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text as string));
    const wrong = texts.filter((t) => detector.detect(t)).map((t) => `${detector.detect(t)?.code}: ${t}`);
    expect(texts.length).toBeGreaterThan(500);
    expect(wrong).toEqual([]);
  });

  it('has a line for every language it knows, with the advice line number in it', () => {
    for (const sample of ['Na razie mogę pomagać tylko po angielsku, proszę', 'Deocamdată pot ajuta doar în limba engleză']) {
      expect(detector.detect(sample)?.reply[0]).toMatch(/only help in English/);
    }
  });
});
