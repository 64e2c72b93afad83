import { z } from 'zod';

/** The gold-file format of `../shared/eval/gold-public.json`. */
const valueUnit = z.object({ value: z.number(), unit: z.string() });

export const goldSchema = z.object({
  version: z.number(),
  figure: z.array(
    z.object({
      id: z.string(),
      query: z.string(),
      zone: z.string().optional(),
      year: z.string().optional(),
      expect: valueUnit.extend({ doc: z.string() }),
      /** The sentence the figure is printed in, verbatim. */
      evidence: z.string().optional(),
    }),
  ),
  zone: z.array(
    z.object({
      id: z.string(),
      query: z.string(),
      expect: z.object({ name_contains: z.string(), docs: z.array(z.string()), figures: z.array(valueUnit) }),
    }),
  ),
  ask: z.array(z.object({ id: z.string(), query: z.string(), expect: z.object({ doc: z.string(), contains: z.string() }) })),
});

export type Gold = z.infer<typeof goldSchema>;
