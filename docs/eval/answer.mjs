// A stand-in for the system under test, so the example runs without a model: it answers from a
// table and, like many systems, gets Australia wrong. Reads the question on stdin.
const table = { France: 'Paris', Italy: 'Rome', Japan: 'Tokyo', Australia: 'Sydney', Canada: 'Ottawa' };
let question = '';
process.stdin.on('data', (chunk) => {
  question += chunk;
});
process.stdin.on('end', () => {
  const country = Object.keys(table).find((name) => question.includes(name));
  process.stdout.write(country ? `The capital of ${country} is ${table[country]}.` : 'I do not know.');
});
