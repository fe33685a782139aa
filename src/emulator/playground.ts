// The static data of Customs' test environment (DOMAIN.md section 5), loaded from playground.json.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ROUTINGS } from './model';
import bundled from './playground.json';

const playgroundSchema = z.looseObject({
  ics2Presentation: z.array(
    z.looseObject({
      entrySummaryDeclarationMRN: z.string(),
      receptacleId: z.string().nullable(),
      houseDocumentNumber: z.string(),
      houseDocumentType: z.string(),
      containerId: z.string().nullable(),
      routing: z.enum(ROUTINGS),
    }),
  ),
  tvinnDeclarations: z.looseObject({
    declarantNumber: z.string(),
    declarationDate: z.string(),
    sequenceNumbers: z.array(z.string()),
  }),
});

export type Playground = z.output<typeof playgroundSchema>;
export type PlaygroundRow = Playground['ics2Presentation'][number];

export function loadPlayground(path?: string): Playground {
  const raw: unknown = path === undefined ? bundled : JSON.parse(readFileSync(path, 'utf8'));
  const parsed = playgroundSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid playground fixtures${path ? ` in ${path}` : ''}`);
  return parsed.data;
}

/** Is this declaration (declarant, date, sequence) in the TVINN test data? */
export function isKnownDeclaration(
  playground: Playground,
  declaration: {
    declarantNumber?: string | null;
    declarationDate?: string | null;
    sequenceNumber?: string | number | null;
  },
): boolean {
  const tvinn = playground.tvinnDeclarations;
  return (
    declaration.declarantNumber === tvinn.declarantNumber &&
    declaration.declarationDate === tvinn.declarationDate &&
    tvinn.sequenceNumbers.includes(String(declaration.sequenceNumber))
  );
}
