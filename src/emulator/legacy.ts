// The option set that makes the twin answer as it did before it modelled the real service: no
// nulls or extra fields, numeric routing ids, `{requestId}` for a presentation, no automatic
// presentation and no transport-level or untracked routing items. For tests written against that
// behaviour; pass it first and override what a test needs: startEmulator({ ...LEGACY_OPTIONS, ... }).
import { LEGACY_STYLE } from './style';
import type { EmulatorOptions } from './types';

export const LEGACY_OPTIONS: Readonly<EmulatorOptions> = {
  style: LEGACY_STYLE,
  autoPresentAfterMs: 'off',
  extraRoutingItemsEvery: 0,
};
