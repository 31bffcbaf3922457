import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLanguageDetector } from '../metadata/detect-language';
import { extractPageMetadata } from '../metadata/extract-page-metadata';
import { extractMainContent } from './extract-main-content';

/** Pages the corpora lack: other scripts (Cyrillic, Han, right-to-left Arabic), a listing, a forum thread. */
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const URL = 'http://127.0.0.1:8080/dir/page.html';

const cases = [
  {
    file: 'article-pl.html',
    language: 'pl',
    title: 'Ogrody miejskie w Krakowie',
    keeps: ['Coraz więcej mieszkańców Krakowa', 'Co można uprawiać w mieście', 'warzywa: pomidory, rzodkiewki i sałatę', 'Ogród na dachu dawnej fabryki na Zabłociu.', 'do końca czerwca'],
    drops: ['plików cookie', 'Strona główna', 'Udostępnij na Facebooku', 'Nowe ścieżki rowerowe', 'Świetny pomysł', 'Wszelkie prawa zastrzeżone'],
  },
  {
    file: 'article-ru.html',
    language: 'ru',
    title: 'Как река Волга меняется весной',
    keeps: ['Каждую весну уровень воды', 'Гидрологи наблюдают за рекой', 'Ярославль', 'до середины июня'],
    drops: ['Главная', 'Погода на выходные', 'Подпишитесь на нашу рассылку', 'Все права защищены', 'dataLayer', 'font-family'],
  },
  {
    file: 'article-zh.html',
    language: 'zh',
    title: '城市里的自行车道越来越多',
    keeps: ['越来越多的城市开始修建专用的自行车道', '市民的看法', '更多城市加入这一行列'],
    drops: ['国际', '地铁新线路开通', '版权所有'],
  },
  {
    file: 'article-ar.html',
    language: 'ar',
    title: 'مكتبة المدينة تفتح أبوابها ليلاً',
    keeps: ['أعلنت مكتبة المدينة العامة', 'مئة ألف كتاب', 'لتبادل الأفكار والكتب'],
    drops: ['الرئيسية', 'شارك على فيسبوك', 'جميع الحقوق محفوظة'],
  },
  {
    file: 'listing.html',
    language: 'en',
    title: 'soups and stews',
    keeps: ['Red lentil soup', 'A thick, lemony soup', 'Beef and barley stew', 'Summer minestrone', 'Smoked fish chowder', 'plenty of black pepper'],
    drops: ['Log in', 'Popular tags', 'All rights reserved', 'Next'],
  },
  {
    file: 'forum-thread.html',
    language: 'en',
    title: 'Sourdough starter smells like nail polish?',
    keeps: ['smelled strongly of nail polish remover', 'That acetone smell just means it is hungry', 'the smell is already gone', 'whole rye flour'],
    drops: ['Register', 'Similar threads', 'Best flour for baguettes', 'Rules'],
  },
];

beforeAll(() => loadLanguageDetector());

describe.each(cases)('main content of $file', ({ file, language, title, keeps, drops }) => {
  const html = fixture(file);
  const main = extractMainContent(html, URL, { format: 'markdown' });

  it('finds the title', () => {
    expect(main.title).toContain(title);
  });

  it('keeps the content', () => {
    for (const piece of keeps) expect(main.text).toContain(piece);
  });

  it('drops navigation, footers, banners, share bars, comments and related links', () => {
    for (const piece of drops) expect(main.text).not.toContain(piece);
  });

  it(`detects the language (${language}) in the main text`, () => {
    const metadata = extractPageMetadata(html, URL, { text: main.text });
    expect(metadata.detectedLanguage).toBe(language);
    expect(metadata.languageConfidence).toBeGreaterThan(0.5);
  });

  it('renders the same content as Markdown', () => {
    expect(main.markdown).toContain(keeps[0]);
    for (const piece of drops) expect(main.markdown).not.toContain(piece);
  });
});
