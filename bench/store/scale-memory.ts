// The memory domain at scale: episodes of 1,000 users (10 sessions each), written one turn of every
// user per batch (a live server interleaves users), and a vector per episode; then a conversation
// turn's write and the reads a recall makes: a user's whole history and vectors (what the in-process
// BM25 and vector index is built from) and the recent turns of a session.
import type { MemoryEpisodeRecord, Store } from '../../src/store/index.js';
import type { DomainScale } from './scale-types.js';
import { fill, sample, seeded } from './timing.js';

const users = 1000;
const start = 1_767_225_600_000;
const words =
  'the dog walked to the park on monday and my sister moved to lyon for a new job at the bakery'.split(' ');

function episode(n: number, perUser: number): MemoryEpisodeRecord {
  const user = n % users;
  const turn = Math.floor(n / users);
  const text = Array.from({ length: 24 }, (_, i) => words[(n * 7 + i * 13) % words.length]).join(' ');
  return {
    tenant: 'default',
    user: `u${user}`,
    id: `e${turn}`,
    session: `s${Math.floor((turn * 10) / Math.max(perUser, 1))}`,
    speaker: turn % 2 === 0 ? `u${user}` : 'assistant',
    role: turn % 2 === 0 ? 'user' : 'assistant',
    text,
    at: start + turn * 60_000 + user,
    importance: (n % 10) / 10,
    expiresAt: null,
    metadata: { source: 'chat' },
  };
}

function vector(n: number, dimension: number): Float32Array {
  const v = new Float32Array(dimension);
  const random = seeded(n + 1);
  for (let i = 0; i < dimension; i++) v[i] = random() - 0.5;
  return v;
}

export function memoryScale(dimension: number, vectorRows: (rows: number) => number): DomainScale {
  return {
    domain: 'memory',
    async fill(store: Store, rows: number) {
      const perUser = Math.ceil(rows / users);
      const episodes = await fill('episodes', rows, 1000, (first, count) =>
        store.memory.addEpisodes(Array.from({ length: count }, (_, i) => episode(first + i, perUser))),
      );
      const withVectors = vectorRows(rows);
      const vectors = await fill('vectors', withVectors, 500, (first, count) =>
        store.memory.putVectors(
          Array.from({ length: count }, (_, i) => {
            const e = episode(first + i, perUser);
            return { tenant: e.tenant, user: e.user, id: e.id, vector: vector(first + i, dimension) };
          }),
        ),
      );
      return [
        { table: 'memory_episodes', ...episodes },
        { table: `memory_vectors (${dimension}-d float32, 500 per call)`, ...vectors },
      ];
    },
    async measure(store: Store, rows: number) {
      const random = seeded(37);
      const perUser = Math.ceil(rows / users);
      const user = () => `u${Math.floor(random() * users)}`;
      let turn = perUser;
      return [
        {
          operation: 'addEpisodes, one turn (2 episodes)',
          unit: 'per call',
          samples: await sample(300, 1, () => {
            const u = Math.floor(random() * users);
            const pair = [0, 1].map((k) => ({ ...episode(u, perUser), id: `new${turn}-${k}` }));
            turn++;
            return store.memory.addEpisodes(pair);
          }),
        },
        {
          operation: `listEpisodes, a user's whole history (${perUser.toLocaleString('en')} rows)`,
          unit: 'per call',
          samples: await sample(100, 1, () => store.memory.listEpisodes({ tenant: 'default', user: user() })),
        },
        {
          operation: 'listEpisodes, newest 20 of a session',
          unit: 'per call',
          samples: await sample(500, 1, () =>
            store.memory.listEpisodes({
              tenant: 'default',
              user: user(),
              session: 's3',
              order: 'desc',
              limit: 20,
            }),
          ),
        },
        {
          operation: `listVectors, a user's vectors (${Math.round(vectorRows(rows) / users).toLocaleString('en')})`,
          unit: 'per call',
          samples: await sample(100, 1, () => store.memory.listVectors('default', user())),
        },
      ];
    },
  };
}
