import type { SemanticCacheGuardName } from '../../../../config/index.js';
import { contentWordsGuard } from './content-words-guard.js';
import { datesGuard } from './dates-guard.js';
import { entitiesGuard } from './entities-guard.js';
import type { FalseHitGuard } from './false-hit-guard.js';
import { negationGuard } from './negation-guard.js';
import { numbersGuard } from './numbers-guard.js';
import { outputFormGuard } from './output-form-guard.js';

export {
  contentWordsGuard,
  datesGuard,
  entitiesGuard,
  type FalseHitGuard,
  negationGuard,
  numbersGuard,
  outputFormGuard,
};

export const falseHitGuards: Record<SemanticCacheGuardName, FalseHitGuard> = {
  negation: negationGuard as FalseHitGuard,
  numbers: numbersGuard as FalseHitGuard,
  dates: datesGuard as FalseHitGuard,
  entities: entitiesGuard as FalseHitGuard,
  'output-form': outputFormGuard as FalseHitGuard,
  'content-words': contentWordsGuard as FalseHitGuard,
};
