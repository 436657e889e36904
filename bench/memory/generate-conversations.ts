// Generated multi-session conversations for the memory recall evaluation: a user talks with an
// assistant over ~24 dated sessions; some turns carry facts and events, most are chit-chat that
// shares their vocabulary. Questions name the turns that hold their evidence: single-hop,
// multi-hop (two turns in different sessions), temporal (dates, "in May 2023", "before I moved"),
// open-domain (a preference to infer from, with few words in common). Deterministic per seed.
import { seededRandom } from '../../src/random/index.js';

export type QuestionType = 'single-hop' | 'multi-hop' | 'temporal' | 'open-domain';

export interface GeneratedTurn {
  id: string;
  speaker: string;
  role: 'user' | 'assistant';
  text: string;
}

export interface GeneratedConversation {
  id: string;
  user: string;
  sessions: { id: string; date: string; turns: GeneratedTurn[] }[];
  questions: { question: string; type: QuestionType; evidence: string[]; answer: string }[];
}

const names = [
  'Maya',
  'Jonas',
  'Priya',
  'Tomas',
  'Aiko',
  'Lena',
  'Omar',
  'Grace',
  'Felix',
  'Nadia',
  'Ravi',
  'Clara',
];
const friends = ['Sofia', 'Marcus', 'Hana', 'Diego', 'Ingrid', 'Kofi', 'Elena', 'Bruno', 'Yara', 'Theo'];
const relations = ['college roommate', 'cousin', 'neighbour', 'old teammate', 'coworker', 'sister-in-law'];
const places = [
  'Peru',
  'Vietnam',
  'Iceland',
  'Morocco',
  'Portugal',
  'New Zealand',
  'Chile',
  'Japan',
  'Greece',
];
const cities = [
  'Leeds',
  'Bristol',
  'Lyon',
  'Porto',
  'Denver',
  'Toronto',
  'Utrecht',
  'Glasgow',
  'Austin',
  'Turin',
];
const species = [
  ['dog', 'puppy'],
  ['cat', 'kitten'],
  ['parrot', 'bird'],
  ['rabbit', 'bunny'],
] as const;
const petNames = ['Biscuit', 'Pepper', 'Miso', 'Juniper', 'Waffles', 'Clementine', 'Ziggy', 'Noodle'];
const jobs = [
  ['nurse', 'St. Mary hospital'],
  ['data analyst', 'Northwind'],
  ['sous chef', 'the Olive Branch'],
  ['teacher', 'Riverside primary school'],
  ['engineer', 'Vantage Robotics'],
  ['librarian', 'the city library'],
];
const trails = [
  'Cedar Ridge',
  'Falcon Gorge',
  'Misty Lake loop',
  'Red Rock canyon',
  'Pine Hollow',
  'Eagle Peak',
];
const favourites = [
  ['book', ['The Overstory', 'Piranesi', 'Middlemarch', 'Dune']],
  ['band', ['Khruangbin', 'Radiohead', 'Fleetwood Mac', 'Bonobo']],
  ['dish', ['mushroom risotto', 'pad thai', 'shakshuka', 'ramen']],
] as const;
// Open-domain: a preference stated in the user's words, and a question about something related.
const interests = [
  [
    'I have been binge-watching documentaries about octopuses and coral reefs.',
    'Would {U} enjoy a visit to an aquarium?',
  ],
  [
    'My sourdough starter is finally bubbly, I bake a loaf every weekend now.',
    'Would {U} like a bread-making workshop as a gift?',
  ],
  [
    'I bought a small telescope and spent the night looking at Saturn.',
    'Would {U} be interested in a planetarium show?',
  ],
  [
    'I found a crate of old jazz vinyl at a flea market, Coltrane and Monk.',
    'Would {U} enjoy a live saxophone concert?',
  ],
  [
    'My balcony is full of tomatoes, basil and chilli plants this summer.',
    'Would {U} like a voucher for a garden centre?',
  ],
  [
    'I signed up for a beginner climbing course at the bouldering gym.',
    'Would {U} enjoy an outdoor rock-climbing trip?',
  ],
] as const;
const fillers = [
  'Work has been hectic this week, too many meetings.',
  'I might go hiking again soon if the weather holds.',
  'Thinking about another trip somewhere warm this year.',
  'The weather in town was terrible all weekend.',
  'My {relation} called yesterday, we chatted for an hour.',
  'We took the {species} to the park again, it was muddy.',
  'I watched a documentary last night but fell asleep.',
  'Cooking something new tonight, maybe a curry.',
  'My favourite part of the week is Saturday morning coffee.',
  'I need to plan the next vacation properly this time.',
  'Had a long chat with a friend about moving somewhere new.',
  'The new job stuff is a lot to learn, honestly.',
  'Read a few chapters of a book on the train.',
  'My neighbour has a very loud dog, I hear it every morning.',
  'Went to a concert with friends, the music was great.',
];
const replies = [
  'That sounds lovely! How did it go?',
  'Oh nice, tell me more about it.',
  'That must have been a lot. How are you feeling?',
  'Interesting! What made you decide that?',
  'Sounds fun. Would you do it again?',
  'I hope the rest of the week is calmer.',
  'Good for you! What is next?',
];
const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function generateConversation(seed: number): GeneratedConversation {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const shuffle = <T>(list: readonly T[]): T[] => {
    const copy = [...list];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
  };
  const user = names[seed % names.length];
  const sessionCount = 24;
  let date = Date.UTC(
    2023,
    Math.floor(random() * 6),
    1 + Math.floor(random() * 20),
    9 + Math.floor(random() * 10),
  );
  const sessions: GeneratedConversation['sessions'] = [];
  for (let index = 0; index < sessionCount; index++) {
    sessions.push({ id: `S${index + 1}`, date: new Date(date).toISOString(), turns: [] });
    date += (5 + Math.floor(random() * 10)) * 86_400_000;
  }
  const [animal, animalAlias] = pick(species);
  const relation = pick(relations);
  // Plans: which content goes into which session (content turns are spread over the sessions).
  type Plan = { session: number; text: string; key: string };
  const plans: Plan[] = [];
  const plan = (session: number, text: string, key: string) => plans.push({ session, text, key });
  const questions: GeneratedConversation['questions'] = [];
  const order = shuffle(Array.from({ length: sessionCount }, (_, index) => index));
  let cursor = 0;
  const nextSession = () => order[cursor++ % order.length];

  const petName = pick(petNames);
  plan(nextSession(), `I adopted a ${animal} last week and named it ${petName}.`, 'pet');
  const [job, company] = pick(jobs);
  plan(nextSession(), `Big news, I accepted an offer as a ${job} at ${company}.`, 'job');
  const [thing, options] = pick(favourites);
  const favourite = pick(options);
  plan(nextSession(), `If I had to choose, my favourite ${thing} is ${favourite}.`, 'favourite');
  const friend = pick(friends);
  const place = pick(places);
  const [early, late] = [
    Math.min(order[cursor], order[cursor + 1]),
    Math.max(order[cursor], order[cursor + 1]),
  ];
  cursor += 2;
  plan(early, `My ${relation} ${friend} is coming to stay with us for a few days.`, 'friend-intro');
  plan(
    late,
    `${friend} finally told me all about the trip to ${place}, the food sounded amazing.`,
    'friend-trip',
  );
  const [firstCity, secondCity] = shuffle(cities);
  const [citySession, moveSession] = [
    Math.min(order[cursor], order[cursor + 1]),
    Math.max(order[cursor], order[cursor + 1]),
  ];
  cursor += 2;
  plan(Math.min(citySession, 2), `Rent in ${firstCity} keeps going up, but I love my flat here.`, 'city');
  plan(Math.max(moveSession, 3), `The boxes are unpacked, I have officially moved to ${secondCity}.`, 'move');
  const hikes = shuffle(trails).slice(0, 3);
  const hikeMonths = new Set<string>();
  for (const trail of hikes) {
    let session = nextSession();
    let month = sessions[session].date.slice(0, 7);
    while (hikeMonths.has(month)) {
      session = nextSession();
      month = sessions[session].date.slice(0, 7);
    }
    hikeMonths.add(month);
    plan(session, `Went hiking at ${trail} today, the views were incredible.`, `hike:${trail}`);
  }
  plan(nextSession(), 'I ran my first half marathon this morning, my legs are jelly!', 'marathon');
  const [interest, interestQuestion] = pick(interests);
  plan(nextSession(), interest, 'interest');

  // Write the sessions: content turns with an assistant reply, between chit-chat.
  const evidence = new Map<string, string>();
  for (const [index, session] of sessions.entries()) {
    const content = plans.filter((entry) => entry.session === index);
    const turnsWanted = 8 + Math.floor(random() * 8);
    const slots = new Set(
      shuffle(Array.from({ length: turnsWanted / 2 }, (_, slot) => slot)).slice(0, content.length),
    );
    let contentIndex = 0;
    for (let slot = 0; slot < turnsWanted / 2; slot++) {
      let text: string;
      let key: string | undefined;
      if (slots.has(slot) && contentIndex < content.length) {
        ({ text, key } = content[contentIndex++]);
      } else {
        text = pick(fillers).replace('{relation}', relation).replace('{species}', animalAlias);
      }
      const id = `${session.id}:${session.turns.length + 1}`;
      session.turns.push({ id, speaker: user, role: 'user', text });
      if (key) evidence.set(key, id);
      session.turns.push({
        id: `${session.id}:${session.turns.length + 1}`,
        speaker: 'assistant',
        role: 'assistant',
        text: pick(replies),
      });
    }
    while (contentIndex < content.length) {
      const { text, key } = content[contentIndex++];
      const id = `${session.id}:${session.turns.length + 1}`;
      session.turns.push({ id, speaker: user, role: 'user', text });
      evidence.set(key, id);
    }
  }
  const dateOf = (turnId: string) => sessions.find((session) => turnId.startsWith(`${session.id}:`))!.date;
  const monthYear = (iso: string) => `${months[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
  const ask = (question: string, type: QuestionType, keys: string[], answer: string) =>
    questions.push({
      question: question.replaceAll('{U}', user),
      type,
      evidence: keys.map((key) => evidence.get(key)!),
      answer,
    });

  ask(`What is the name of {U}'s ${animalAlias}?`, 'single-hop', ['pet'], petName);
  ask(`Where does {U} work now?`, 'single-hop', ['job'], company);
  ask(`What is {U}'s favourite ${thing}?`, 'single-hop', ['favourite'], favourite);
  ask(`Which country did {U}'s ${relation} visit?`, 'multi-hop', ['friend-intro', 'friend-trip'], place);
  ask(`Where did {U} live before moving to ${secondCity}?`, 'multi-hop', ['city', 'move'], firstCity);
  for (const trail of hikes) {
    const when = monthYear(dateOf(evidence.get(`hike:${trail}`)!));
    ask(`Where did {U} go hiking in ${when}?`, 'temporal', [`hike:${trail}`], trail);
  }
  ask(
    'When did {U} run a half marathon?',
    'temporal',
    ['marathon'],
    dateOf(evidence.get('marathon')!).slice(0, 10),
  );
  ask('When did {U} move house?', 'temporal', ['move'], dateOf(evidence.get('move')!).slice(0, 10));
  ask(interestQuestion, 'open-domain', ['interest'], 'yes');
  ask(`What kind of work might {U} do on a typical day?`, 'open-domain', ['job'], job);
  return { id: `conv-${seed}`, user, sessions, questions };
}

export function generateConversations(count: number, firstSeed = 1): GeneratedConversation[] {
  return Array.from({ length: count }, (_, index) => generateConversation(firstSeed + index));
}
