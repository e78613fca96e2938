// Searches the kept watch list on the device with the registry's own text matcher (the same normalisation, vocabulary
// and scoring as the server). Loaded on demand: it is too large for the console's first load.
import type { TextQuery } from '../../../functions/matching/model.ts';
import { calibrate, confidenceOf, rounded } from '../../../functions/matching/combine.ts';
import { createTextIndex, textAlertThreshold } from '../../../functions/matching/text/text-index.ts';
import type { KeptEntry } from './db.ts';

export interface OfflineCandidate {
  objectId: string;
  score: number;
  confidence: ReturnType<typeof confidenceOf>;
  reasons: { field: string; detail: string; contribution: number }[];
}

export interface ListIndex {
  search(query: TextQuery, limit: number): OfflineCandidate[];
}

/** Indexes the kept entries as the registry indexes its objects (functions/matching/registry-index.ts). */
export function indexList(entries: KeptEntry[]): ListIndex {
  const index = createTextIndex();
  for (const entry of entries) {
    index.upsert({
      id: entry.id,
      country: entry.incident.country,
      lang: entry.lang,
      objectType: entry.objectType,
      title: entry.title,
      materials: entry.materials,
      techniques: entry.techniques,
      measurements: entry.measurements,
      inscriptions: entry.inscriptions,
      markings: entry.markings,
      distinguishingFeatures: entry.distinguishingFeatures,
      subject: entry.subject,
      dateOrPeriod: entry.dateOrPeriod,
      maker: entry.maker,
      culture: entry.culture,
      description: entry.description,
    });
  }
  return {
    // Scores on the registry's scale, as a search on the server shows them.
    search: (query, limit) =>
      index.search(query, limit).map((candidate) => {
        const score = calibrate(candidate.score, textAlertThreshold);
        return {
          objectId: candidate.objectId,
          score: rounded(score),
          confidence: confidenceOf(score),
          reasons: candidate.reasons.map((reason) => ({ ...reason, contribution: rounded(reason.contribution) })),
        };
      }),
  };
}
