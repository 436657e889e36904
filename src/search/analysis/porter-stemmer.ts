// Martin Porter's stemmer, following his reference C implementation (the one Lucene's PorterStemFilter
// and Anserini use), including its two departures from the 1980 paper: `bli` → `ble` (instead of
// `abli` → `able`) and `logi` → `log`; words of one or two letters are left alone.

export function porterStem(word: string): string {
  if (word.length <= 2) return word;
  const stemmer = new PorterState(word);
  stemmer.step1ab();
  if (stemmer.k > 0) {
    stemmer.step1c();
    stemmer.step2();
    stemmer.step3();
    stemmer.step4();
    stemmer.step5();
  }
  return stemmer.b.slice(0, stemmer.k + 1);
}

// Mutable state of one stemming run: b is the word, k the index of its last letter, j a cut point.
class PorterState {
  b: string;
  k: number;
  j = 0;

  constructor(word: string) {
    this.b = word;
    this.k = word.length - 1;
  }

  private cons(i: number): boolean {
    switch (this.b[i]) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        return false;
      case 'y':
        return i === 0 ? true : !this.cons(i - 1);
      default:
        return true;
    }
  }

  /** The number of vowel-consonant sequences in b[0..j]. */
  private m(): number {
    let n = 0;
    let i = 0;
    const j = this.j;
    while (true) {
      if (i > j) return n;
      if (!this.cons(i)) break;
      i++;
    }
    i++;
    while (true) {
      while (true) {
        if (i > j) return n;
        if (this.cons(i)) break;
        i++;
      }
      i++;
      n++;
      while (true) {
        if (i > j) return n;
        if (!this.cons(i)) break;
        i++;
      }
      i++;
    }
  }

  private vowelInStem(): boolean {
    for (let i = 0; i <= this.j; i++) if (!this.cons(i)) return true;
    return false;
  }

  private doubleConsonant(j: number): boolean {
    return j >= 1 && this.b[j] === this.b[j - 1] && this.cons(j);
  }

  /** Consonant-vowel-consonant ending at i, the last consonant not w, x or y. */
  private cvc(i: number): boolean {
    if (i < 2 || !this.cons(i) || this.cons(i - 1) || !this.cons(i - 2)) return false;
    const ch = this.b[i];
    return ch !== 'w' && ch !== 'x' && ch !== 'y';
  }

  private ends(suffix: string): boolean {
    const length = suffix.length;
    if (suffix[length - 1] !== this.b[this.k]) return false;
    if (length > this.k + 1) return false;
    if (this.b.slice(this.k - length + 1, this.k + 1) !== suffix) return false;
    this.j = this.k - length;
    return true;
  }

  private setTo(replacement: string): void {
    this.b = this.b.slice(0, this.j + 1) + replacement + this.b.slice(this.k + 1);
    this.k = this.j + replacement.length;
  }

  private replaceIfMeasured(replacement: string): void {
    if (this.m() > 0) this.setTo(replacement);
  }

  step1ab(): void {
    if (this.b[this.k] === 's') {
      if (this.ends('sses')) this.k -= 2;
      else if (this.ends('ies')) this.setTo('i');
      else if (this.b[this.k - 1] !== 's') this.k--;
    }
    if (this.ends('eed')) {
      if (this.m() > 0) this.k--;
    } else if ((this.ends('ed') || this.ends('ing')) && this.vowelInStem()) {
      this.k = this.j;
      if (this.ends('at')) this.setTo('ate');
      else if (this.ends('bl')) this.setTo('ble');
      else if (this.ends('iz')) this.setTo('ize');
      else if (this.doubleConsonant(this.k)) {
        this.k--;
        const ch = this.b[this.k];
        if (ch === 'l' || ch === 's' || ch === 'z') this.k++;
      } else if (this.m() === 1 && this.cvc(this.k)) this.setTo('e');
    }
    // setTo and k-- leave characters past k in b; drop them so later steps see the stem only.
    this.b = this.b.slice(0, this.k + 1);
  }

  step1c(): void {
    if (this.ends('y') && this.vowelInStem()) {
      this.b = `${this.b.slice(0, this.k)}i${this.b.slice(this.k + 1)}`;
    }
  }

  private firstRule(rules: readonly (readonly [string, string])[]): void {
    for (const [suffix, replacement] of rules) {
      if (this.ends(suffix)) {
        this.replaceIfMeasured(replacement);
        return;
      }
    }
  }

  step2(): void {
    const rules = step2Rules[this.b[this.k - 1]];
    if (rules) this.firstRule(rules);
  }

  step3(): void {
    const rules = step3Rules[this.b[this.k]];
    if (rules) this.firstRule(rules);
  }

  step4(): void {
    const candidates = step4Suffixes[this.b[this.k - 1]];
    if (!candidates) return;
    let matched = false;
    for (const suffix of candidates) {
      if (suffix === 'ion') {
        if (this.ends('ion') && this.j >= 0 && (this.b[this.j] === 's' || this.b[this.j] === 't')) {
          matched = true;
          break;
        }
      } else if (this.ends(suffix)) {
        matched = true;
        break;
      }
    }
    if (matched && this.m() > 1) this.k = this.j;
  }

  step5(): void {
    this.j = this.k;
    if (this.b[this.k] === 'e') {
      const a = this.m();
      if (a > 1 || (a === 1 && !this.cvc(this.k - 1))) this.k--;
    }
    if (this.b[this.k] === 'l' && this.doubleConsonant(this.k) && this.m() > 1) this.k--;
  }
}

const step2Rules: Record<string, readonly (readonly [string, string])[]> = {
  a: [
    ['ational', 'ate'],
    ['tional', 'tion'],
  ],
  c: [
    ['enci', 'ence'],
    ['anci', 'ance'],
  ],
  e: [['izer', 'ize']],
  l: [
    ['bli', 'ble'],
    ['alli', 'al'],
    ['entli', 'ent'],
    ['eli', 'e'],
    ['ousli', 'ous'],
  ],
  o: [
    ['ization', 'ize'],
    ['ation', 'ate'],
    ['ator', 'ate'],
  ],
  s: [
    ['alism', 'al'],
    ['iveness', 'ive'],
    ['fulness', 'ful'],
    ['ousness', 'ous'],
  ],
  t: [
    ['aliti', 'al'],
    ['iviti', 'ive'],
    ['biliti', 'ble'],
  ],
  g: [['logi', 'log']],
};

const step3Rules: Record<string, readonly (readonly [string, string])[]> = {
  e: [
    ['icate', 'ic'],
    ['ative', ''],
    ['alize', 'al'],
  ],
  i: [['iciti', 'ic']],
  l: [
    ['ical', 'ic'],
    ['ful', ''],
  ],
  s: [['ness', '']],
};

const step4Suffixes: Record<string, readonly string[]> = {
  a: ['al'],
  c: ['ance', 'ence'],
  e: ['er'],
  i: ['ic'],
  l: ['able', 'ible'],
  n: ['ant', 'ement', 'ment', 'ent'],
  o: ['ion', 'ou'],
  s: ['ism'],
  t: ['ate', 'iti'],
  u: ['ous'],
  v: ['ive'],
  z: ['ize'],
};
