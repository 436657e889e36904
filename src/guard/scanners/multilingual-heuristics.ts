// Instruction-override, prompt-extraction and no-rules-persona phrases beyond English and German: the
// most used languages (Chinese, Hindi, Spanish, French, Arabic, Bengali, Portuguese, Russian, Japanese,
// Indonesian), plus Italian, Korean and Turkish. The project's own phrasings of the attacks' shapes (verb
// of discarding + "previous/all" + "instructions/rules"), not text from a dataset. Scripts without
// spaces or outside ASCII cannot use \b, so those patterns match bounded spans instead; a script's
// patterns run only when the text has a character of that script.

import { foldHomoglyphs } from '../normalize/index.js';
import { type HeuristicMatch, matchPatterns, type ScoredPattern } from './heuristic-match.js';

interface ScriptRules {
  /** A character of the script; the rules run only when the text has one. */
  script: RegExp;
  override: ScoredPattern[];
  jailbreak: ScoredPattern[];
}

// Latin-script languages: Spanish, French, Portuguese, Italian, Indonesian, Turkish.
const latinOverride: ScoredPattern[] = [
  // es / fr / pt / it: ignora / olvida / oubliez / esqueça / dimentica ... las instrucciones
  [
    /\b(?:ignora|ignorar|ignorer|ignorez|olvida|olvide|olvidar|esque[cç]a|esquecer|esquece|dimentica|dimenticare|oubliez|oublie|oublier|descarta|descarte|scarta)\b[^.\n]{0,40}\b(?:instrucci[oó]n(?:es)?|instru[cç](?:[aã]o|[oõ]es)|istruzioni|instructions?|indicaciones|regras|reglas|r[eè]gles|regole|consignes|[oó]rdenes|ordens|ordini|directivas|diretrizes|prompt)\b/i,
    0.9,
  ],
  // the imperative "ignore" is also English: here only with a noun that is not
  [
    /\bignore\b[^.\n]{0,40}\b(?:instrucci[oó]n(?:es)?|instru[cç](?:[aã]o|[oõ]es)|istruzioni|indicaciones|regras|reglas|r[eè]gles|regole|consignes|[oó]rdenes|ordens|ordini|directivas|diretrizes)\b/i,
    0.9,
  ],
  [
    /\b(?:todas? las? instrucciones anteriores|todas? as instru[cç][oõ]es anteriores|toutes les instructions pr[ée]c[ée]dentes|tutte le istruzioni precedenti)\b/i,
    0.9,
  ],
  // id: abaikan / lupakan semua instruksi sebelumnya
  [/\b(?:abaikan|lupakan|acuhkan)\b[^.\n]{0,40}\b(?:instruksi|perintah|aturan|petunjuk)\b/i, 0.9],
  // tr: önceki talimatları yok say / unut
  [
    /(?:sistem (?:prompt|talimat)\S*|gizli talimat\S*|ilk talimat\S*)[^.\n]{0,20}(?:göster|yaz|tekrarla|söyle)/i,
    0.9,
  ],
  [
    /(?:önceki|tüm|bütün)[^.\n]{0,30}(?:talimat|komut|kural)\S*[^.\n]{0,20}(?:yok say|unut|görmezden gel)/i,
    0.9,
  ],
  // prompt extraction: revela / muestra / montre / mostra ... el prompt del sistema
  [
    /\b(?:revela|revele|muestra|mu[eé]strame|montre|montrez|r[ée]v[èe]le|mostra|mostre|tunjukkan|g[öo]ster)\b[^.\n]{0,30}\b(?:prompt (?:del|do|du|di) sistema|prompt (?:syst[èe]me|sistem)|instrucciones (?:del sistema|ocultas|iniciales)|instru[cç][oõ]es (?:do sistema|ocultas|iniciais)|instructions (?:syst[èe]me|cach[ée]es|initiales)|istruzioni (?:di sistema|nascoste|iniziali)|sistem (?:prompt|talimat)\w*)/i,
    0.9,
  ],
];

const latinJailbreak: ScoredPattern[] = [
  [
    /\b(?:eres|ahora eres|act[uú]a como|tu es|vous [êe]tes|agis comme|voc[eê] [ée]|aja como|sei|agisci come|kamu adalah|sen)[^.\n]{0,40}\b(?:sin (?:restricciones|reglas|filtros|censura|l[ií]mites)|sans (?:restrictions?|r[èe]gles|filtres?|censure|limites)|sem (?:restri[cç][oõ]es|regras|filtros|censura|limites)|senza (?:restrizioni|regole|filtri|censura|limiti)|tanpa (?:batasan|aturan|filter|sensor)|k[ıi]s[ıi]tlamas[ıi]z|kurals[ıi]z|filtresiz|sans[üu]rs[üu]z)/i,
    0.9,
  ],
  // "you are (now) in developer mode": the mode alone is an ordinary phone setting
  [
    /\b(?:est[aá]s|eres|tu es|vous [êe]tes|voc[eê] est[aá]|sei|kamu)\b[^.\n]{0,20}\b(?:modo|mode|modalit[àa]) (?:desarrollador|d[ée]veloppeur|desenvolvedor|sviluppatore|pengembang|sin restricciones|sans restriction|sem restri[cç][oõ]es|senza restrizioni)\b/i,
    0.85,
  ],
  [/\bgeli[şs]tirici modundas[ıi]n\b/i, 0.85],
];

/**
 * The normaliser folds Cyrillic letters that look Latin (о → o, р → p, н → h) before the heuristics run,
 * so a Cyrillic pattern is folded the same way to match the text it will see.
 */
function folded(list: ScoredPattern[]): ScoredPattern[] {
  return list.map(([pattern, score]) => [new RegExp(foldHomoglyphs(pattern.source), pattern.flags), score]);
}

const scripts: ScriptRules[] = [
  {
    // Chinese (simplified and traditional) and Japanese kanji
    script: /[\u4e00-\u9fff]/,
    override: [
      [
        // the discarded instructions must be earlier or all ones: "我忘记了象棋的规则" is not an attack
        /(?:忽略|无视|無視|忘记|忘記|忘掉|不要理会|不要理會|抛开|拋開)[^。！？\n]{0,6}(?:之前|以前|先前|上面|以上|前面|所有|全部|一切|你的)[^。！？\n]{0,8}(?:指令|指示|说明|說明|规则|規則|提示|命令|要求)/,
        0.9,
      ],
      [
        /(?:告诉我|告訴我|显示|顯示|输出|輸出|打印|泄露|洩露|重复|重複)[^。！？\n]{0,10}(?:你的)?(?:系统提示|系統提示|系统指令|系統指令|初始指令|隐藏指令|隱藏指令|系统提示词|系統提示詞)/,
        0.9,
      ],
    ],
    jailbreak: [
      [
        /(?:你现在是|你現在是|扮演|假装你是|假裝你是)[^。！？\n]{0,20}(?:没有任何限制|沒有任何限制|不受任何限制|没有限制|沒有限制|没有道德|沒有道德|不受约束|不受約束|无审查|無審查)/,
        0.9,
      ],
      [
        /(?:你(?:现在|現在)?(?:处于|處於|进入了|進入了|在))[^。！？\n]{0,6}(?:开发者模式|開發者模式|越狱模式|越獄模式|无限制模式|無限制模式)/,
        0.85,
      ],
      [/(?:越狱模式|越獄模式|无限制模式|無限制模式)/, 0.85],
    ],
  },
  {
    // Japanese kana
    script: /[\u3040-\u30ff]/,
    override: [
      [
        /(?:以前の|前の|上記の|これまでの|すべての|全ての)[^。！？\n]{0,10}(?:指示|命令|ルール|指令|プロンプト)[^。！？\n]{0,8}(?:を)?(?:無視|忘れ)/,
        0.9,
      ],
      [
        /(?:システムプロンプト|初期指示|隠された指示)[^。！？\n]{0,10}(?:を)?(?:教えて|表示|見せて|出力|繰り返)/,
        0.9,
      ],
    ],
    jailbreak: [
      [
        /(?:制限のない|制限なし|ルールのない|検閲なし|倫理的制約のない)[^。！？\n]{0,20}(?:AI|アシスタント|モード|として)/,
        0.9,
      ],
      [/(?:あなたは)[^。！？\n]{0,10}開発者モード|脱獄モード/, 0.85],
    ],
  },
  {
    // Korean
    script: /[\uac00-\ud7af]/,
    override: [
      [
        /(?:이전|위의|앞의|모든)[^.!?\n]{0,10}(?:지시|명령|규칙|지침|프롬프트)\S*[^.!?\n]{0,10}(?:무시|잊어)/,
        0.9,
      ],
      [/(?:시스템 프롬프트|초기 지시|숨겨진 지시)\S*[^.!?\n]{0,10}(?:보여|알려|출력|반복)/, 0.9],
    ],
    jailbreak: [
      [/(?:제한이 없는|제한 없는|규칙이 없는|검열 없는)[^.!?\n]{0,20}(?:AI|인공지능|모드|처럼|로서)/, 0.9],
      [/(?:너는|당신은)[^.!?\n]{0,10}개발자 모드|탈옥 모드/, 0.85],
    ],
  },
  {
    // Russian (and other Cyrillic)
    script: /[\u0400-\u04ff]/,
    override: folded([
      [
        /(?:игнорируй|игнорируйте|проигнорируй|забудь|забудьте|не обращай внимания на|отбрось)[^.\n]{0,40}(?:инструкци|указани|правил|команд|промпт)/i,
        0.9,
      ],
      [
        /(?:покажи|раскрой|выведи|повтори|напиши)[^.\n]{0,30}(?:системн\S* (?:промпт|подсказк|инструкци)|скрыт\S* инструкци|начальн\S* инструкци)/i,
        0.9,
      ],
    ]),
    jailbreak: folded([
      [
        /(?:ты|вы) (?:теперь |сейчас )?[^.\n]{0,30}(?:без (?:ограничений|правил|цензуры|фильтров)|не (?:имеешь|имеете) ограничений)/i,
        0.9,
      ],
      [
        /(?:ты|вы) (?:теперь |сейчас )?в режиме (?:разработчика|без ограничений)|режим без ограничений/i,
        0.85,
      ],
    ]),
  },
  {
    // Arabic (and Urdu, which shares the script)
    script: /[\u0600-\u06ff]/,
    override: [
      [/(?:تجاهل|انس|انسَ|اترك|لا تلتزم ب)[^.\n]{0,40}(?:التعليمات|الأوامر|القواعد|التوجيهات|تعليمات)/, 0.9],
      [
        /(?:اكشف|أظهر|اعرض|اطبع|كرر)[^.\n]{0,30}(?:موجه النظام|تعليمات النظام|التعليمات المخفية|التعليمات الأولية)/,
        0.9,
      ],
      // Urdu: پچھلی ہدایات کو نظر انداز کریں
      [/(?:پچھلی|تمام|سابقہ)[^.\n]{0,20}(?:ہدایات|احکامات|قواعد)[^.\n]{0,20}(?:نظر انداز|بھول)/, 0.9],
    ],
    jailbreak: [
      [/(?:أنت الآن|تظاهر بأنك|تصرف ك)[^.\n]{0,30}(?:بدون (?:قيود|قواعد|رقابة)|بلا (?:قيود|قواعد))/, 0.9],
      [/أنت (?:الآن )?في وضع المطور|وضع بلا قيود/, 0.85],
    ],
  },
  {
    // Hindi (Devanagari)
    script: /[\u0900-\u097f]/,
    override: [
      [
        /(?:पिछले|पिछली|पहले के|ऊपर के|सभी|सारे)[^।.\n]{0,20}(?:निर्देशों|निर्देश|आदेशों|नियमों|हिदायतों)[^।.\n]{0,20}(?:को )?(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल)/,
        0.9,
      ],
      [/(?:सिस्टम प्रॉम्प्ट|सिस्टम निर्देश|छिपे हुए निर्देश)[^।.\n]{0,20}(?:दिखाओ|दिखाएं|बताओ|बताएं|प्रकट)/, 0.9],
    ],
    jailbreak: [
      [/(?:बिना किसी (?:प्रतिबंध|नियम|सीमा|सेंसर)|कोई (?:प्रतिबंध|नियम|सीमा) नहीं)/, 0.9],
      [/(?:तुम|आप)[^।.\n]{0,10}डेवलपर मोड|जेलब्रेक मोड/, 0.85],
    ],
  },
  {
    // Bengali
    script: /[\u0980-\u09ff]/,
    override: [
      [
        /(?:আগের|পূর্ববর্তী|উপরের|সমস্ত|সব)[^।.\n]{0,20}(?:নির্দেশনা|নির্দেশ|আদেশ|নিয়ম)\S*[^।.\n]{0,20}(?:উপেক্ষা|ভুলে)/,
        0.9,
      ],
      [/(?:সিস্টেম প্রম্পট|সিস্টেম নির্দেশ|লুকানো নির্দেশ)\S*[^।.\n]{0,20}(?:দেখাও|দেখান|বলো|বলুন|প্রকাশ)/, 0.9],
    ],
    jailbreak: [
      [/(?:কোনো (?:বিধিনিষেধ|নিয়ম|সীমা) (?:ছাড়া|নেই)|বিধিনিষেধহীন)/, 0.9],
      [/(?:তুমি|আপনি)[^।.\n]{0,10}ডেভেলপার মোড/, 0.85],
    ],
  },
];

const latinScript = /[a-zà-ÿ]/i;

/** Override and prompt-extraction phrases in the languages above (English and German are elsewhere). */
export function multilingualOverrideMatches(text: string, matches: HeuristicMatch[] = []): HeuristicMatch[] {
  if (latinScript.test(text)) matchPatterns(latinOverride, text, matches);
  for (const rules of scripts) if (rules.script.test(text)) matchPatterns(rules.override, text, matches);
  return matches;
}

/** No-rules personas and "modes" in the languages above. */
export function multilingualJailbreakMatches(text: string, matches: HeuristicMatch[] = []): HeuristicMatch[] {
  if (latinScript.test(text)) matchPatterns(latinJailbreak, text, matches);
  for (const rules of scripts) if (rules.script.test(text)) matchPatterns(rules.jailbreak, text, matches);
  return matches;
}

/** Every multilingual phrase pattern (tests check the word prefilter against each). */
export function multilingualPatterns(): RegExp[] {
  return [latinOverride, latinJailbreak, ...scripts.flatMap((s) => [s.override, s.jailbreak])].flatMap(
    (list) => list.map(([pattern]) => pattern),
  );
}
