// The analyzer memory indexes with: the RAG analyzer (Porter stems) with Lucene's stopwords plus the
// pronouns, question words and auxiliaries that nearly every conversational turn and question holds
// ("where did I …", "my …"). They carry no evidence, and in a long history their postings cover most
// turns, which made every query touch most of the index.
import { createAnalyzer, luceneEnglishStopwords } from '../search/index.js';

const conversational =
  `i me my mine myself you your yours yourself we us our ours he him his she her hers it its
they them their what which who whom whose when where why how did do does doing done have has had having am is
are was were been being would could should can will shall may might must just so about really very also too
oh ok okay yeah yes hi hey thanks thank lol well`.split(/\s+/);

export const memoryStopwords: ReadonlySet<string> = new Set([...luceneEnglishStopwords, ...conversational]);

export const analyzeMemoryText = createAnalyzer({ stopwords: memoryStopwords });
