// Evaluated once per worker thread and shared by every workflow (see workflow-bundle-options.ts).
// A module of the project rather than the libraries' names: zod declares itself free of side
// effects, so webpack drops a bare `require('zod')` whose result is unused, and zod would then be
// evaluated again for each workflow after all.
import { z } from 'zod';

// zod sets its default locale and memoizer when it builds its first schemas. Set here, before
// the SDK freezes the shared modules: a workflow doing it first would write to a frozen zod.
z.config({ ...z.locales.en(), memoizer: z.core.memoizer() });

export { z };
export { default as Long } from 'long';
