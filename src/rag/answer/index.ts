export {
  type Answer,
  type AskOptions,
  answerQuestion,
  type Citation,
  dontKnowAnswer,
  parseCitations,
} from './answer-question.js';
