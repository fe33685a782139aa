// How the twin words its answers. Customs' live answers differ from what a hopeful client expects:
// absent optional fields come as null (or ""), answers carry fields nobody documented, SUCCESS may
// be 200 or 202, and the presentation status may be a list. Tests pick a style to prove a client
// copes with each; the defaults are the real service's most awkward documented variant.
import { randomBytes } from 'node:crypto';

export type AbsentStyle = 'absent' | 'null' | 'empty';

export interface AnswerStyle {
  /** How an optional field without a value is sent: left out, `null`, or empty (`""`, `[]`). */
  absent: AbsentStyle;
  /** HTTP status of a SUCCESS validation answer (FAILURE is always 202). */
  successStatus: 200 | 202;
  /** Presentation validation status: one object, or a list of such objects. */
  presentationStatusShape: 'object' | 'list';
  /** Adds `timestamp` and `traceId` to answers (fields the client does not know). */
  extraFields: boolean;
  /** routingResult.id as a JSON number (the feed sequence) instead of a UUID string. */
  idsAsNumbers: boolean;
  /** A presentation POST answers 200 with an empty body, or 202 `{requestId}`. */
  presentationAnswer: 'empty' | 'requestId';
}

/** The real service as DOMAIN.md describes it (the default). */
export const REAL_SERVICE_STYLE: AnswerStyle = {
  absent: 'null',
  successStatus: 200,
  presentationStatusShape: 'list',
  extraFields: true,
  idsAsNumbers: false,
  presentationAnswer: 'empty',
};

/** What the twin answered before it modelled the real service: what the client first assumed. */
export const LEGACY_STYLE: AnswerStyle = {
  absent: 'absent',
  successStatus: 200,
  presentationStatusShape: 'object',
  extraFields: false,
  idsAsNumbers: true,
  presentationAnswer: 'requestId',
};

/** What an empty optional field would hold: text, a list or an object. */
export type FieldKind = 'text' | 'list' | 'object';

/** Fills or drops the optional `fields` of `body` that have no value, as the style says. */
export function withOptionals<T extends Record<string, unknown>>(
  body: T,
  fields: Record<string, FieldKind>,
  style: AnswerStyle,
): T {
  const out: Record<string, unknown> = { ...body };
  for (const [key, kind] of Object.entries(fields)) {
    if (out[key] !== undefined && out[key] !== null) continue;
    if (style.absent === 'absent') delete out[key];
    else if (style.absent === 'null' || kind === 'object') out[key] = null;
    else out[key] = kind === 'list' ? [] : '';
  }
  return out as T;
}

/** Adds the fields the client does not know about, when the style asks for them. */
export function withExtras<T extends Record<string, unknown>>(body: T, style: AnswerStyle, now: number): T {
  if (!style.extraFields) return body;
  return { ...body, timestamp: new Date(now).toISOString(), traceId: randomBytes(8).toString('hex') };
}
