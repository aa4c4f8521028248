import { describe, expect, it } from 'vitest';
import { analyzeName } from './analyze';
import { romanizeArabic, romanizeArabicVariants, romanizeArabicWord } from './arabic';
import { romanizeCyrillic } from './cyrillic';
import { hanReadings, hanToPinyin, pinyinToWadeGiles } from './han';
import { arabicPhonetic, latinPhonetic, phoneticKey } from './phonetic';

const key = (name: string): string => analyzeName(name)[0]?.tokens.map((t) => t.key).join(' ') ?? '';

describe('Arabic romanisation styles', () => {
  it('writes حموشي the English, French, Spanish and German ways', () => {
    expect(romanizeArabicWord('حموشي', 'en')).toBe('hamushi');
    expect(romanizeArabicWord('حموشي', 'fr')).toBe('hamouchi');
    expect(romanizeArabicWord('حموشي', 'de')).toBe('hamuschi');
  });
  it('writes الشرقاوي with the article (Charqawi, Cherkaoui, Scharkaoui)', () => {
    expect(romanizeArabicWord('الشرقاوي', 'en')).toBe('al-sharqawi');
    expect(romanizeArabicWord('الشرقاوي', 'fr')).toBe('el-charkaoui');
    expect(romanizeArabicWord('الشرقاوي', 'de')).toBe('al-scharkawi');
  });
  it('uses dj / y / dsch for ج and kh / j / ch for خ', () => {
    expect(romanizeArabicWord('جمال', 'fr')).toBe('djamal');
    expect(romanizeArabicWord('جمال', 'es')).toBe('yamal');
    expect(romanizeArabicWord('جمال', 'de')).toBe('dschamal');
    expect(romanizeArabicWord('خالد', 'en')).toBe('khalad');
    expect(romanizeArabicWord('خالد', 'es')).toBe('jalad');
  });
  it('reads taa marbuta as -a and supplies one short vowel between consonants', () => {
    expect(romanizeArabicWord('أسامة', 'en')).toBe('asama');
    expect(romanizeArabicWord('محمد', 'en')).toBe('mahmad');
  });
  it('romanises whole names and lists distinct variants', () => {
    expect(romanizeArabic('صدام حسين', 'en')).toBe('sadam hasin');
    expect(romanizeArabicVariants('شريف').length).toBeGreaterThan(1);
  });
});

describe('phonetic keys: each variant finds the others', () => {
  it('حموشي ↔ Hammouchi / Hamouchi / Hammouchy', () => {
    const k = key('حموشي');
    for (const v of ['Hammouchi', 'Hamouchi', 'Hammouchy', 'Hamouchy']) expect(key(v)).toBe(k);
  });
  it('محمد ↔ Mohammed / Mohamed / Muhammad / Mouhamed', () => {
    const k = key('محمد');
    for (const v of ['Mohammed', 'Mohamed', 'Muhammad', 'Mouhamed', 'Mohamad']) expect(key(v)).toBe(k);
  });
  it('الشرقاوي ↔ Cherkaoui / Charqawi / Scharkaoui / Sharqawi', () => {
    const k = key('الشرقاوي');
    for (const v of ['Cherkaoui', 'Charqawi', 'Scharkaoui', 'Sharqawi', 'el-Cherkaoui']) expect(key(v)).toBe(k);
  });
  it('الطاهري ↔ at-Tahiri and Ettahiri (via the article-less reading)', () => {
    const k = key('الطاهري');
    expect(key('at-Tahiri')).toBe(k);
    expect(analyzeName('Ettahiri')[0]?.tokens[0]?.altKey).toBe(k);
  });
  it('UN names: برادر ↔ Baradar, حقانی ↔ Haqqani (Persian ی)', () => {
    expect(key('برادر')).toBe(key('Baradar'));
    expect(key('حقانی')).toBe(key('Haqqani'));
  });
  it('glued Arabic compounds share the key of the Latin one-word spelling (-ullah, -uddin)', () => {
    // The two-word reading comes first, the one-word reading second.
    const gluedKey = (name: string): string => analyzeName(name)[1]?.tokens.map((t) => t.key).join(' ') ?? '';
    expect(analyzeName('هدايت الله')[0]?.tokens.map((t) => t.text)).toEqual(['هدايت', 'الله']);
    expect(gluedKey('هدايت الله')).toBe(key('Hidayatullah'));
    expect(gluedKey('نجیب الله')).toBe(key('Najibullah'));
    expect(gluedKey('جلال الدين حقانى')).toBe(key('Jalaluddin Haqqani'));
    expect(gluedKey('سعد الدين')).toBe(key('Saduddin'));
    expect(analyzeName('عبد الله')).toHaveLength(1);
    expect(gluedKey('ولی جان')).toBe(key('Walijan'));
    expect(gluedKey('کاکا زاده')).toBe(key('Kakazada'));
    expect(arabicPhonetic('جلالالدين')).toBe('jlAludIn');
    expect(arabicPhonetic('نجيبالله')).toBe('njIbula');
  });
  it('reads ث ذ ض ظ also the Persian / Urdu way (UN names فيض Faiz, ضیا Zia, ثناء الله Sanaullah)', () => {
    const tok = (name: string) => analyzeName(name)[0]?.tokens[0];
    expect(tok('فيض')?.altKey).toBe(key('Faiz'));
    expect(tok('فيض')?.key).toBe(key('Faid'));
    expect(tok('ضیا')?.altKey).toBe(key('Zia'));
    expect(tok('ذاکر')?.altKey).toBe(key('Zakir'));
    expect(tok('ذاکر')?.key).toBe(key('Dhakir'));
    expect(tok('كاظم')?.key).toBe(key('Kazim'));
    expect(tok('كاظم')?.altKey).toBe(key('Kadhim'));
    expect(analyzeName('ثناء الله')[1]?.tokens[0]?.altKey).toBe(key('Sanaullah'));
    // Letters with one reading get no second one.
    expect(tok('محمد')?.altKey).toBeUndefined();
  });
  it('reads a final ي (ى folded) also as a: عيسى Issa, مصطفى Mustafa, يحيى Yahya, but علي stays Ali', () => {
    const tok = (name: string) => analyzeName(name)[0]?.tokens[0];
    expect(tok('عيسى')?.phon).toBe('eIsI');
    expect(tok('عيسى')?.altPhon).toBe('eIsA');
    expect(tok('مصطفى')?.altPhon).toBe('mstfA');
    expect(tok('يحيى')?.altPhon).toBe('IhIA');
    expect(tok('علي')?.altPhon).toBeUndefined();
    expect(tok('موسي')?.altPhon).toBe('mUsA');
    // A long vowel before the ي is not a consonant: no second reading.
    expect(tok('بناي')?.altPhon).toBeUndefined();
  });
  it('reads طه as Taha (a two-letter word keeps its final ه), فاطمة still as Fatima', () => {
    expect(arabicPhonetic('طه')).toBe('tha');
    expect(analyzeName('طه')[0]?.tokens[0]?.key).toBe(key('Taha'));
    expect(arabicPhonetic('فاطمه')).toBe('fAtm');
  });
  it('keeps long vowels in the phonetic form so محمود and محمد differ', () => {
    expect(arabicPhonetic('محمود')).not.toBe(arabicPhonetic('محمد'));
    expect(latinPhonetic('mahmoud')).toContain('U');
  });
  it('maps Wade-Giles hs to the pinyin x class', () => {
    expect(phoneticKey(latinPhonetic('hsi'))).toBe(phoneticKey(latinPhonetic('xi')));
  });
});

describe('Chinese', () => {
  it('reads Han characters as toneless pinyin (pinyin-pro data)', () => {
    expect(hanToPinyin('习近平')).toEqual(['xi', 'jin', 'ping']);
    expect(hanToPinyin('欧阳修')).toEqual(['ou', 'yang', 'xiu']);
  });
  it('converts pinyin syllables to Wade-Giles', () => {
    expect(pinyinToWadeGiles('xi')).toBe('hsi');
    expect(pinyinToWadeGiles('zhou')).toBe('chou');
    expect(pinyinToWadeGiles('jiang')).toBe('chiang');
    expect(pinyinToWadeGiles('dong')).toBe('tung');
    expect(pinyinToWadeGiles('ze')).toBe('tse');
    expect(pinyinToWadeGiles('zi')).toBe('tsu');
  });
  it('reads a short Han name as surname + given name, in pinyin and Wade-Giles, and as one word', () => {
    expect(hanReadings('毛泽东')).toEqual([['maozedong'], ['mao', 'zedong'], ['mao', 'tse', 'tung']]);
    expect(hanReadings('欧阳修')[1]).toEqual(['ouyang', 'xiu']);
  });
  it('reads pinyin q as ch and c as ts, and offers v for the w of transcriptions (Wikidata pairs)', () => {
    const tok = (name: string) => analyzeName(name)[0]?.tokens[0];
    // 阿奇曼德 = Archimède, 维克托 = Victor, 崔斯考 = Tresckow (cui: ts, not k).
    expect(tok('阿奇曼德')?.phon).toBe(latinPhonetic('achimande'));
    expect(tok('维克托')?.altKey).toBe(key('Victo'));
    expect(tok('维奇')?.altKey).toBe(key('vich'));
    expect(tok('维克托')?.key).toBe(key('Weiketuo'));
    expect(tok('崔斯考')?.key).toBe(key('tsuisikao'));
    // Wade-Giles readings are left alone.
    expect(analyzeName('毛泽东')[2]?.tokens.map((t) => t.phon)).toEqual(['mau', 'tse', 'tung']);
  });
  it('reads Han transcriptions of foreign names as one word (古普塔 = gupta)', () => {
    expect(hanReadings('古普塔')[0]).toEqual(['guputa']);
  });
});

describe('Cyrillic', () => {
  it('romanises in passport style', () => {
    expect(romanizeCyrillic('щукин')).toBe('shchukin');
    expect(romanizeCyrillic('юрченко')).toBe('yurchenko');
  });
});
