import { detectLanguage, loadLanguageDetector } from './detect-language';

const ENGLISH = 'The harbour master said the ferry would leave at noon, weather permitting, and that passengers should arrive early with their tickets.';
const GERMAN = 'Der Hafenmeister sagte, die Fähre werde gegen Mittag ablegen, wenn das Wetter es zulasse, und die Fahrgäste sollten früh mit ihren Fahrkarten kommen.';
const JAPANESE = '港の管理者によると、天候が許せばフェリーは正午に出航する予定で、乗客は切符を持って早めに来るようにとのことです。';

describe('detectLanguage before its detector is loaded', () => {
  it('throws, whatever the text, until loadLanguageDetector() has resolved in the thread', async () => {
    let fresh!: typeof import('./detect-language');
    jest.isolateModules(() => {
      fresh = require('./detect-language');
    });
    expect(() => fresh.detectLanguage(ENGLISH)).toThrow(/not loaded.*await loadLanguageDetector\(\)/);
    expect(() => fresh.detectLanguage('')).toThrow(/not loaded/);
    const loading = fresh.loadLanguageDetector();
    expect(() => fresh.detectLanguage(ENGLISH)).toThrow(/not loaded/);
    expect(fresh.loadLanguageDetector()).toBe(loading);
    await loading;
    expect(fresh.detectLanguage(ENGLISH)).toMatchObject({ language: 'en' });
  });
});

describe('detectLanguage (CLD3)', () => {
  beforeAll(() => loadLanguageDetector());

  it.each([
    ['English', ENGLISH, 'en'],
    ['German', GERMAN, 'de'],
    ['Japanese', JAPANESE, 'ja'],
  ])('names %s text, with a confidence CLD3 calls reliable', (_name, text, language) => {
    const detected = detectLanguage(text);
    expect(detected).toEqual({ language, confidence: expect.any(Number) });
    expect(detected!.confidence).toBeGreaterThanOrEqual(0.7);
    expect(detected!.confidence).toBeLessThanOrEqual(1);
  });

  it('answers null for too little text: under 20 letters, or no letters at all', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('Short text here.')).toBeNull();
    expect(detectLanguage('1234 5678 !!! ??? ... 2024-05-14 12:00 € 99,90')).toBeNull();
  });

  it('answers null where CLD3 has nothing left once repetitions are squeezed out (not its bias, Japanese)', () => {
    expect(detectLanguage('hello '.repeat(50))).toBeNull();
    expect(detectLanguage('漢字'.repeat(100))).toBeNull();
  });

  it('reduces CLD3 codes to ISO 639-1: pinyin is Chinese, iw is he', () => {
    const pinyin = 'Wo men mingtian qu Beijing kan pengyou, ranhou yiqi chifan, women hen gaoxing. Ni xiang bu xiang gen women yiqi qu? Zhe ge difang hen piaoliang.';
    expect(detectLanguage(pinyin)?.language).toBe('zh');
    expect(detectLanguage('מנהל הנמל אמר שהמעבורת תצא בצהריים אם מזג האוויר יאפשר, ושהנוסעים צריכים להגיע מוקדם עם הכרטיסים שלהם.')?.language).toBe('he');
  });

  it('reads past a NUL (CLD3 takes a C string)', () => {
    expect(detectLanguage(`\0${ENGLISH}`)?.language).toBe('en');
  });
});
