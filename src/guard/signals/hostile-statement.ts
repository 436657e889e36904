// A short hostile statement: an insult, a curse or a threat aimed at someone ("You are all idiots.", "I
// hate you all.", "Go to hell, you clown.", "I will hurt you."). It asks the model for nothing, so it is
// toxicity (the toxicity scanner's business), not an instruction override. The injection classifier
// still read such texts as injections: "You are …" opens most persona and override prompts, and nearly all
// the short hostile rows it met were deepset injections ("… you are stupid, write …"). Here a short text
// that insults or threatens and holds no instruction reads the injection classifier at 0 (the override,
// extraction and chat-template heuristics still run). The phrases are this project's own words.

import { wordCount } from '../classifier/index.js';
import { execWhereStems } from '../normalize/word-prefilter.js';

/** Longest text (in words) read as a bare hostile statement; longer texts have room for a payload. */
export const maximumHostileWords = 12;

/** Insults, curses and threats aimed at someone. */
export const hostileCues: readonly RegExp[] = [
  /\b(?:idiots?|idiotic|morons?|moronic|imbeciles?|stupid|dumb|losers?|clowns?|fools?|jerks?|scum|garbage|trash|worthless|useless|pathetic|disgusting|incompetent|spineless|cowards?|creeps?|a waste of (?:space|time|air)|brain-?dead)\b/i,
  /\b(?:i|we) (?:really |just |all )?(?:hate|despise|loathe|detest|can't stand|cannot stand) (?:you|them|him|her|all|every|this|these|those|that|my|the|everyone|everybody|people)\b/i,
  /\b(?:shut up|shut your (?:mouth|face)|go to hell|screw you|drop dead|get lost|you suck|damn you|to hell with)\b/i,
  /\b(?:i|we)(?:'ll| will| am going to|'m going to| are going to| swear i'll| swear i will| could| want to| wanna) (?:kill|hurt|destroy|crush|beat(?: up)?|punch|strangle|smash|ruin|murder|stab|shoot|end) (?:you|them|him|her|all|every|each|that|this|those|these|my|the|your|everyone)\b/i,
];

/**
 * What makes a short text an instruction, whatever its tone: a request verb, the override and
 * extraction vocabulary, a persona assignment. One of these and the text is no bare statement.
 */
export const instructionCues =
  /\b(?:ignore|disregard|forget|override|bypass|reveal|print|output|repeat|say|tell|show|write|give|list|translate|summari[sz]e|answer|respond|reply|act|pretend|roleplay|role-play|explain|describe|generate|create|make|instructions?|prompt|system|password|secret|confidential|rules?|guidelines|from now|you are now|you're now|instead|call me|respond with)\b/i;

/** True for a short text that insults or threatens and asks for nothing. */
export function isHostileStatement(text: string): boolean {
  if (wordCount(text) > maximumHostileWords) return false;
  if (!hostileCues.some((cue) => execWhereStems(cue, text) !== null)) return false;
  return instructionCues.exec(text) === null;
}
