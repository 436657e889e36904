// The project's own answer-like sentences for the name/address tagger (written for Gantry from word
// classes, no dataset text). Presidio's templates, the tagger's only other training text, are requests
// and forms: almost no sentence there opens with an interjection, an acknowledgement, an imperative or a
// header word, so a small model learns "capitalised word at a sentence start = name" and masks
// "Phew!" or "rise. Knead" in answers and tool results. These records put such words where names stand
// (sentence starts, one-word replies, recipe steps, list items) labelled O, mixed with sentences that hold
// real names in the same places ("Gladly, Amara Okafor can help."), labelled PERSON. Deterministic: the
// same count and seed give the same records.
import { seededRandom } from '../../random/index.js';
import type { PiiRecord } from './load-datasets.js';

// Word classes. The lists were written for this generator; they keep clear of the one-word reply probe
// in bench/guard/tagger-quality.ts (its test), see syntheticAnswerWords.
const interjections =
  'Whoa Yikes Phew Gosh Alas Hooray Bravo Ugh Aha Huh Meh Eek Jeez Blimey Voila Darn Golly Welp Ahem Bingo Whew Oof Argh Gee Ooh Aww Shucks Ahoy Hurrah Egad Heh Pfft Boo Tada';
const acknowledgements =
  'Gladly Roger Affirmative Acknowledged Sorted Fixed Updated Saved Sent Received Booked Scheduled Cancelled Submitted Resolved Granted Likewise Totally Precisely Anytime Understandable Gotcha Righto Copy Logged Shipped Merged Deployed Paid Packed Cleared Checked Signed Filed';
const evaluations =
  'Neat Tricky Lucky Gorgeous Solid Classic Tough Weird Odd Strange Impressive Remarkable Delicious Beautiful Adorable Clever Superb Marvellous Terrific Incredible Stunning Elegant Fascinating Curious Hilarious Tragic Unfortunate Sad Scary Ridiculous Outstanding Magnificent Sweet Rough Bummer Yummy Tasty Charming Handy Useful';
const adverbs =
  'Honestly Basically Unfortunately Luckily Apparently Actually Generally Typically Usually Meanwhile However Therefore Otherwise Also Additionally Finally First Next Then Afterwards Instead Overall Briefly Essentially Personally Frankly Hopefully Fortunately Importantly Initially Ideally Alternatively Similarly Consequently Clearly Admittedly Surprisingly Sadly Thankfully Later Now Today Tomorrow Still Perhaps Besides Anyway Again Soon';
const imperatives =
  'Knead Stir Whisk Chop Preheat Bake Mix Pour Add Combine Simmer Season Drain Rinse Slice Dice Fold Beat Serve Garnish Sprinkle Grate Peel Boil Roast Cover Chill Place Remove Transfer Brush Spread Roll Cut Heat Melt Toss Strain Open Click Select Enter Press Restart Install Run Check Save Close Attach Tighten Unplug Wait Repeat Measure Turn Keep Use Try Avoid Drink Rest Call Ask Write Read Paste Type Scroll Go Take Lift Hold Breathe Stretch Sand Paint Wipe Soak Prune Plant Dig Whip Sift Grease Flip Reduce Bring Set';
const headers =
  'Step Tip Note Warning Caution Reminder Update Answer Summary Example Question Ingredients Method Result Problem Solution Option Bonus Optional Important Flour Sugar Butter Salt Eggs Milk Yeast Garlic Onions Cheese Rice Pros Cons Budget Timeline Goal Output Input Error Status Price Cost Duration Total Serves Yield Difficulty Equipment Source Context';
const determiners = 'This That Your Our Its Each Every Another Neither Either Which Whose';
const pronouns = 'There Here It We You They Nothing Everything Someone Nobody Something Anyone';

const objects =
  'the dough|the batter|the onions|the sauce|the oven|the pan|the rice|the garlic|the butter|the settings page|the router|the cable|the file|the form|the lid|the mixture|the bolts|the page|the app|the laptop|the soil|the seeds|the paint|the towel'.split(
    '|',
  );
const manners =
  'for ten minutes|until smooth|gently|twice|until golden|on low heat|slowly|for an hour|again|until it doubles|to the left|firmly|before serving|overnight|evenly|with care'.split(
    '|',
  );
const clauses =
  'that sounds painful|the build passed|that was close|it worked this time|the oven is too hot|this takes a while|the file is gone|we are nearly there|the numbers add up|it depends on the budget|the link is broken|the dough did not rise|that took longer than planned|the meeting moved to noon|you can skip this step|the test is flaky|the sauce needs salt|it fits in one page|the tickets sold out|that is the easy part'.split(
    '|',
  );
const nouns = 'question|idea|choice|catch|point|find|plan|result|guess|start|fix|shot|answer|pick|move'.split(
  '|',
);
const tails =
  'that works|on it|all set|happy to help|will check|one moment|see below|more soon|it is done|my pleasure'.split(
    '|',
  );
const verbs =
  'can help|will bake the bread|fixed the build|sent the file|is on holiday|signed the form|will call back|wrote the summary|checked the numbers|brought the cake|runs the meeting|asked about the budget|approved it yesterday|knows the answer|set up the router'.split(
    '|',
  );

const firstNames =
  'Amara Lukas Priya Kenji Sofia Omar Hannah Mateo Aisha Tomasz Elena Kwame Ingrid Rafael Mei Dmitri Fatima Chloe Arjun Leila Sven Yusuf Nadia Camila Hiroshi Zainab Bjorn Lucia Tariq Freya Emeka Anouk Rohan Greta Idris Paulina Ciaran Yara Matthias Keiko';
const lastNames =
  'Okafor Lindqvist Haddad Tanaka Novak Mensah Rossi Nguyen Johansson Petrov Brennan Dubois Moreau Yilmaz Costa Walsh Ivanova Reyes Bauer Sato Achebe Castillo Fontaine Kovacs Oyelaran Varga Hendriks Mahmoud Sorensen Quint';

// Made-up names from syllables, so that a name is learned from where it stands, not from 70 words.
const onsets = 'B D K L M N R S T V Z G H J P F Ch Sh Br Tr Gr St Kl'.split(' ');
const vowels = 'a e i o u a e i o ai ei ou ia'.split(' ');
const codas = 'n r l s m k th nd x'.split(' ').concat(['', '', '', '']);

const split = (words: string) => words.split(' ');
const classes = {
  interjections: split(interjections),
  acknowledgements: split(acknowledgements),
  evaluations: split(evaluations),
  adverbs: split(adverbs),
  imperatives: split(imperatives),
  headers: split(headers),
  determiners: split(determiners),
  pronouns: split(pronouns),
};

/** Every capitalised word the generator opens a sentence, reply or list item with (for the overlap check). */
export function syntheticAnswerWords(): string[] {
  return Object.values(classes).flat();
}

/** A text under construction: its pieces, and which are a person's name. */
type Piece = string | { name: string };

const lower = (word: string) => word.toLowerCase();

/** Sentence makers; each returns its pieces. `pick` draws from a list, `name` a full or first name. */
function makers(pick: <T>(list: readonly T[]) => T, name: () => Piece) {
  const { interjections: ij, acknowledgements: ack, evaluations: ev, adverbs: adv } = classes;
  const { imperatives: imp, headers: hd, determiners: det, pronouns: pro } = classes;
  const mark = () => pick(['.', '!', '', '...']);
  const step = () => `${pick(imp)} ${pick(objects)} ${pick(manners)}.`;
  return {
    // O only.
    reply: (): Piece[] => [`${pick([...ij, ...ack, ...ev])}${mark()}`],
    replyTail: (): Piece[] => [`${pick([...ij, ...ack, ...ev])}, ${pick(tails)}.`],
    interjection: (): Piece[] => [`${pick(ij)}${pick([',', '!', '.'])} ${pick(clauses)}.`],
    evaluation: (): Piece[] => [`${pick(ev)} ${pick(nouns)}${pick(['!', '.'])}`],
    adverb: (): Piece[] => [`${pick(adv)}, ${pick(clauses)}.`],
    opener: (): Piece[] => [
      `${pick(det)} ${pick(nouns)} ${pick(['is', 'was', 'looks', 'seems'])} ${lower(pick(ev))}.`,
    ],
    pronoun: (): Piece[] => [
      `${pick(pro)} ${pick(['is', 'was', 'seems'])} ${pick(['in place now', 'waiting for you', 'in the list', 'as planned', 'missing'])}.`,
    ],
    recipe: (): Piece[] => [`${step()} ${step()} ${pick(adv)}, ${lower(step())}`],
    list: (): Piece[] => [`1. ${step()}\n2. ${step()}\n3. ${step()}`],
    bullets: (): Piece[] => [`- ${pick(hd)}: ${lower(pick(ev))}\n- ${pick(hd)}: ${pick(clauses)}`],
    header: (): Piece[] => [`${pick(hd)}: ${pick(clauses)}. ${pick(ack)}.`],
    // With a name in the same places.
    nameAfterInterjection: (): Piece[] => [`${pick([...ij, ...ack])}, `, name(), ` ${pick(verbs)}.`],
    nameOpens: (): Piece[] => [name(), ` ${pick(verbs)}. ${pick(ack)}.`],
    nameAfterStep: (): Piece[] => [`${step()} `, name(), ` ${pick(verbs)}.`],
    nameReply: (): Piece[] => [`${pick([...ack, ...ev])}, `, name(), `${pick(['.', '!'])}`],
    nameInList: (): Piece[] => [
      `- ${pick(hd)}: ${lower(pick(ev))}\n- Owner: `,
      name(),
      `\n- ${pick(hd)}: ${pick(clauses)}`,
    ],
    nameAsked: (): Piece[] => [`${pick(adv)}, ask `, name(), ` to ${lower(step())}`],
  };
}

const negatives = [
  'reply',
  'replyTail',
  'interjection',
  'evaluation',
  'adverb',
  'opener',
  'pronoun',
  'recipe',
  'list',
  'bullets',
  'header',
] as const;
const positives = [
  'nameAfterInterjection',
  'nameOpens',
  'nameAfterStep',
  'nameReply',
  'nameInList',
  'nameAsked',
] as const;

/**
 * `count` answer-like records, split `train`, template ids from -1 down. `namedShare` of them hold a
 * person's name (PERSON span over the whole name); the rest are all O.
 */
export function syntheticAnswerTags(
  count = 2000,
  seed = 17,
  namedShare = 0.5,
  madeUpShare = 0.5,
): PiiRecord[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const first = split(firstNames);
  const last = split(lastNames);
  const madeUp = () => {
    let word = '';
    for (let s = random() < 0.5 ? 2 : 3; s > 0; s--)
      word += `${pick(onsets)}${pick(vowels)}${s === 1 ? pick(codas) : ''}`;
    return word[0] + word.slice(1).toLowerCase();
  };
  const given = () => (random() < madeUpShare ? madeUp() : pick(first));
  const family = () => (random() < madeUpShare ? madeUp() : pick(last));
  const name = (): Piece => ({ name: random() < 0.6 ? `${given()} ${family()}` : given() });
  const make = makers(pick, name);
  const records: PiiRecord[] = [];
  for (let i = 0; i < count; i++) {
    const kind = random() < namedShare ? pick(positives) : pick(negatives);
    let text = '';
    const spans: PiiRecord['spans'] = [];
    for (const piece of make[kind]()) {
      if (typeof piece === 'string') text += piece;
      else {
        spans.push({ type: 'PERSON', start: text.length, end: text.length + piece.name.length });
        text += piece.name;
      }
    }
    records.push({ text, spans, templateId: -1 - i, split: 'train' });
  }
  return records;
}
