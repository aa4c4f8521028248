import { describe, expect, it } from 'vitest';
import { normalizeCountry } from './country';
import { glueArabicCompounds, normalizeName } from './name';
import { cleanSeparators, foldText, scriptOf } from './text';

const texts = (raw: string): string[] => normalizeName(raw).tokens.filter((t) => !t.particle).map((t) => t.text);
const particles = (raw: string): string[] => normalizeName(raw).tokens.filter((t) => t.particle).map((t) => t.text);

describe('foldText', () => {
  it('applies NFKC to Arabic presentation forms', () => {
    // ﻣﺤﻤﺪ is محمد written with presentation-form code points.
    expect(foldText('\uFEE3\uFEA4\uFEE4\uFEAA')).toBe('محمد');
  });
  it('case-folds and strips Latin diacritics', () => {
    expect(foldText('ÉRIC Müller Çelik Ştefan')).toBe('eric muller celik stefan');
    expect(foldText('Straße Łukasz Øyvind')).toBe('strasse lukasz oyvind');
  });
  it('folds alef forms, taa marbuta, alef maqsura and hamza carriers', () => {
    expect(foldText('أسامة')).toBe('اسامه');
    expect(foldText('إبراهيم')).toBe('ابراهيم');
    expect(foldText('آمنة')).toBe('امنه');
    expect(foldText('مصطفى')).toBe('مصطفي');
    expect(foldText('مؤمن')).toBe('مومن');
    expect(foldText('هانئ')).toBe('هاني');
  });
  it('folds Persian and Pashto letters as the UN list writes them (محمد عمر غلام نبی)', () => {
    expect(foldText('غلام نبی')).toBe('غلام نبي');
    expect(foldText('کریم')).toBe('كريم');
    expect(foldText('ښکلی')).toBe('شكلي');
  });
  it('removes tatweel and harakat', () => {
    expect(foldText('مُحَمَّد')).toBe('محمد');
    expect(foldText('محـــمد')).toBe('محمد');
  });
  it('maps Arabic-Indic digits', () => {
    expect(foldText('١٩٦٠ ۱۹۶۰')).toBe('1960 1960');
  });
});

describe('cleanSeparators', () => {
  it('collapses embedded newlines and punctuation', () => {
    expect(cleanSeparators('صدام\nحسين   التكريتي')).toBe('صدام حسين التكريتي');
    expect(cleanSeparators("ABD'RABBAH, Ghuma (a.k.a.)")).toBe('ABDRABBAH Ghuma a k a');
  });
  it('keeps hyphens between parts', () => {
    expect(cleanSeparators('al - Tahiri')).toBe('al-Tahiri');
  });
});

describe('normalizeName', () => {
  it('splits the Arabic article as a particle', () => {
    expect(texts('صدام حسين التكريتي')).toEqual(['صدام', 'حسين', 'تكريتي']);
    expect(particles('صدام حسين التكريتي')).toEqual(['ال']);
  });
  it('keeps الله and الياس whole', () => {
    expect(texts('عبد الله')).toEqual(['عبد', 'الله']);
    expect(texts('الياس')).toEqual(['الياس']);
  });
  it('glues Arabic compounds in الله and الدين into one word, as Latin writes them (UN list names)', () => {
    const glued = (name: string): string[] | undefined => glueArabicCompounds(normalizeName(name).tokens)?.filter((t) => !t.particle).map((t) => t.text);
    expect(glued('هدايت الله')).toEqual(['هدايتالله']); // HIDAYATULLAH
    expect(glued('ثناء اللہ غفاری')).toEqual(['ثناالله', 'غفاري']); // SANAULLAH GHAFARI
    expect(glued('جلال الدين حقانى')).toEqual(['جلالالدين', 'حقاني']); // JALALUDDIN HAQQANI
    expect(glued('سراج الدين جلال الدين حقانى')).toEqual(['سراجالدين', 'جلالالدين', 'حقاني']);
    expect(glued('صلاح الدين الأيوبي')).toEqual(['صلاحالدين', 'ايوبي']);
    // Persian / Pashto: رحمت الله کاکا زاده = RAHMATULLAH KAKAZADA, ولی جان = WALIJAN.
    expect(glued('رحمت الله کاکا زاده')).toEqual(['رحمتالله', 'كاكازاده']);
    expect(glued('ولی جان')).toEqual(['وليجان']);
    expect(glued('جان محمد')).toBeUndefined();
    // The two-word reading is left as it was (Siraj Haqqani drops the -uddin).
    expect(texts('جلال الدين حقانى')).toEqual(['جلال', 'دين', 'حقاني']);
    // عبد الله stays two words (Latin Abdullah is split the same way), so does a leading الله;
    // other article + name pairs are untouched.
    expect(glued('عبد الله')).toBeUndefined();
    expect(glued('الله نور')).toBeUndefined();
    expect(glued('سيف العدل')).toBeUndefined();
  });
  it('does not take a hamza-alef + lam for the article (ألبرتو Alberto, إلينا Elena, ألين Aline)', () => {
    expect(texts('ألبرتو')).toEqual(['البرتو']);
    expect(texts('إلينا فاطمة')).toEqual(['الينا', 'فاطمه']);
    expect(texts('ألين')).toEqual(['الين']);
    expect(texts('أَلبرتو')).toEqual(['البرتو']);
    expect(particles('ألبرتو')).toEqual([]);
    // The article itself, and آل (family of) standing alone, are still particles.
    expect(particles('الأنصار')).toEqual(['ال']);
    expect(texts('سرحان آل حسين')).toEqual(['سرحان', 'حسين']);
  });
  it('splits Abu Bakr written as one word (UN: ABUBAKAR MOHAMMED SHEKAU = أبو بكر محمد الشكوى)', () => {
    expect(texts('ABUBAKAR MOHAMMED SHEKAU')).toEqual(['bakar', 'mohammed', 'shekau']);
    expect(particles('Aboubakar')).toEqual(['abu']);
    expect(texts('Abubakr al-Baghdadi')).toEqual(['bakr', 'baghdadi']);
    expect(texts('أبوبكر')).toEqual(['بكر']);
    expect(texts('أبو بكر محمد الشكوى')).toEqual(['بكر', 'محمد', 'شكوي']);
    // Other names after abu are left alone.
    expect(texts('Abukar')).toEqual(['abukar']);
  });
  it('splits glued عبدال', () => {
    expect(texts('عبدالرحمن')).toEqual(['عبد', 'رحمن']);
  });
  it('recognises hyphenated Latin articles including sun-letter assimilation', () => {
    expect(texts('Saddam Hussein al-Tikriti')).toEqual(['saddam', 'hussein', 'tikriti']);
    expect(texts('at-Tahiri')).toEqual(['tahiri']);
    expect(texts('Ech-Cherkaoui')).toEqual(['cherkaoui']);
    expect(texts('El-Hammouchi')).toEqual(['hammouchi']);
  });
  it('offers the article-less reading of glued forms (Ettahiri, Alsharqawi)', () => {
    const t = normalizeName('Ettahiri Alsharqawi').tokens;
    expect(t.map((x) => x.alt)).toEqual(['tahiri', 'sharqawi']);
  });
  it('treats bin, ben, ibn, abu, ould, van, von, de as particles', () => {
    expect(particles('Usama bin Muhammad bin Awad BIN LADIN')).toEqual(['bin', 'bin', 'bin']);
    expect(particles('Mohamed Ould Abdel Aziz')).toEqual(['ould', 'al']);
    expect(particles('Ludwig van Beethoven')).toEqual(['van']);
    expect(particles('Abu Bakr al-Baghdadi')).toEqual(['abu', 'al']);
    expect(texts('Ibn Khaldun de Tunis')).toEqual(['khaldun', 'tunis']);
  });
  it('splits Abdul/Abdel into abd + article, but keeps Abdoulaye', () => {
    expect(texts('ABDUL GHANI BARADAR')).toEqual(['abd', 'ghani', 'baradar']);
    expect(texts('Abdelhak')).toEqual(['abd', 'hak']);
    expect(texts('Abdulrahman')).toEqual(['abd', 'rahman']);
    expect(texts('Abdoulaye Miskine')).toEqual(['abdoulaye', 'miskine']);
    expect(texts('Abdullah')).toEqual(['abd', 'allah']);
  });
  it('handles titles (Mullah, Sheikh, Haji, Qari, Dr.) as particles, in both scripts (UN aliases)', () => {
    expect(texts('Mullah Naeem Barech')).toEqual(['naeem', 'barech']);
    expect(particles('Mullah Naeem Barech')).toEqual(['mullah']);
    expect(texts('Ali, Sheikh Hassan Dahir Aweys')).toEqual(['ali', 'hassan', 'dahir', 'aweys']);
    expect(texts('Awes, Shaykh Hassan Dahir')).toEqual(['awes', 'hassan', 'dahir']);
    expect(texts('Haji Gulab Gul')).toEqual(['gulab', 'gul']);
    expect(texts('Qari Muhammad Ayub')).toEqual(['muhammad', 'ayub']);
    expect(texts('Dr. Ayman al-Zawahiri')).toEqual(['ayman', 'zawahiri']);
    expect(texts('الشيخ حسن ظاهر')).toEqual(['حسن', 'ظاهر']);
    expect(texts('حاجی گلاب گل')).toEqual(['گلاب', 'گل']);
    expect(texts('ملا محمد عمر')).toEqual(['محمد', 'عمر']);
    // A title alone is kept as a name rather than leave nothing.
    expect(texts('Sheikh')).toEqual(['sheikh']);
  });
  it('handles military ranks and the placeholders FNU / MNU / LNU (name unknown) as particles (UN aliases)', () => {
    expect(texts('Col Abdel Hamid Mahmoud')).toEqual(['abd', 'hamid', 'mahmoud']);
    expect(texts('Colonel Innocent KAINA')).toEqual(['innocent', 'kaina']);
    expect(texts('General Nkunda')).toEqual(['nkunda']);
    expect(texts('Commander Putol')).toEqual(['putol']);
    expect(texts('Dr. Fnu Mnu Khamis')).toEqual(['khamis']);
    expect(particles('Dr. Fnu Mnu Khamis')).toEqual(['dr', 'fnu', 'mnu']);
  });
  it('reads a lone ud / ur between two names as the article (UN aliases Mati ur Rehman, Noor ud Din Turabi)', () => {
    expect(texts('Mati ur Rehman')).toEqual(['mati', 'rehman']);
    expect(texts('Mati-ur Rehman')).toEqual(['mati', 'rehman']);
    expect(texts('Noor ud Din Turabi')).toEqual(['noor', 'din', 'turabi']);
    expect(particles('Shams ur-Rahman Sher Alam')).toEqual(['ur']);
    // Not at the end: Pak Ud is a Korean name.
    expect(texts('Pak Ud')).toEqual(['pak', 'ud']);
  });
  it('keeps a name made only of particles', () => {
    expect(texts('Ben')).toEqual(['ben']);
  });
  it('returns no tokens for an empty or punctuation-only name', () => {
    expect(normalizeName('  ,.- ').tokens).toEqual([]);
  });
});

describe('scriptOf', () => {
  it('tells scripts apart', () => {
    expect(scriptOf('hammouchi')).toBe('latin');
    expect(scriptOf('حموشي')).toBe('arabic');
    expect(scriptOf('习近平')).toBe('han');
    expect(scriptOf('путин')).toBe('cyrillic');
    expect(scriptOf('रजनीकांत')).toBe('other');
  });
});

describe('normalizeCountry', () => {
  it('reads codes, names, UN forms and adjectives', () => {
    expect(normalizeCountry('af')).toBe('AF');
    expect(normalizeCountry('Afghanistan')).toBe('AF');
    expect(normalizeCountry('Iran (Islamic Republic of)')).toBe('IR');
    expect(normalizeCountry('Democratic Republic of the Congo')).toBe('CD');
    expect(normalizeCountry('Syrian Arab Republic')).toBe('SY');
    expect(normalizeCountry('Palestinian')).toBe('PS');
    expect(normalizeCountry('nowhere land')).toBeUndefined();
  });
});
