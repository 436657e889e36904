// The team examples of docs/teams.md, run as written on scripted models.
import { describeDocsExamples } from './docs-examples.js';

describeDocsExamples({ page: 'teams.md', filter: /createTeam/, minimum: 4 });
