// The Getty AAT concepts that the LIDO and Linked Art exports classify with, each with its English label.
import type { ObjectView } from '../../schemas/object.ts';

export type Concept = { id: string; label: string };

const aat = (number: string, label: string): Concept => ({ id: `http://vocab.getty.edu/aat/${number}`, label });

export const concepts = {
  accessionNumber: aat('300312355', 'accession number'),
  inscription: aat('300028702', 'inscriptions'),
  description: aat('300435416', 'description'),
  briefText: aat('300418049', 'brief text'),
  theft: aat('300055292', 'theft'),
  typeOfWork: aat('300435443', 'type of work'),
  culture: aat('300055768', 'culture'),
};

export const dimensionTypes = {
  height: aat('300055644', 'height'),
  width: aat('300055647', 'width'),
  depth: aat('300072633', 'depth'),
  diameter: aat('300055624', 'diameter'),
  weight: aat('300056240', 'weight'),
};

type Measurements = NonNullable<ObjectView['measurements']>;

export const units: Record<NonNullable<Measurements['unit'] | Measurements['weightUnit']>, Concept> = {
  cm: aat('300379098', 'centimetres'),
  mm: aat('300379097', 'millimetres'),
  in: aat('300379100', 'inches'),
  g: aat('300379225', 'grams'),
  kg: aat('300379226', 'kilograms'),
};
