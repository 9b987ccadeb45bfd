/** The template editor's pure rules: form values, what the text uses, and whether it may be saved. */
import { assertNever } from '../../../app/ipc/common/app-error';
import type { RequestOutput, TemplateDraft, TemplateView } from '../../../app/ipc/common/contract';
import { USAGE_TYPES } from '../../../app/ipc/common/contract';
import { BUILT_IN_PLACEHOLDERS, placeholdersOf, unsupportedSyntaxOf } from '../../../app/templates/common/placeholders';

/** A starter as `templates:starters` returns it. */
export type Starter = RequestOutput<'templates:starters'>[number];

/** Where the editor's text came from: nothing, a saved template, or a starter (saved as a new template). */
export type EditorOrigin =
  | { readonly kind: 'new' }
  | {
      readonly kind: 'edit';
      /** The template being changed. */
      readonly template: TemplateView;
    }
  | {
      readonly kind: 'starter';
      /** The starter copied into the editor. */
      readonly starter: Starter;
    };

/** What the editor's inputs hold. */
export interface TemplateFormValues {
  /** Name shown in the app. */
  readonly name: string;
  /** One of USAGE_TYPES, or a type imported from Logto. */
  readonly usageType: string;
  /** Body format. */
  readonly contentType: TemplateDraft['contentType'];
  /** Subject line. */
  readonly subject: string;
  /** Body. */
  readonly content: string;
}

/** A field the editor can flag. */
export type TemplateField = 'name' | 'subject';

/** A blank template: a plain-text notice. */
export const EMPTY_TEMPLATE_FORM: TemplateFormValues = { name: '', usageType: 'Notice', contentType: 'text/plain', subject: '', content: '' };

/** Longest name and subject the contract accepts. */
export const LIMITS = { name: 120, subject: 998 } as const;

/** The editor's starting values for an origin. */
export function formFromOrigin(origin: EditorOrigin): TemplateFormValues {
  switch (origin.kind) {
    case 'new':
      return EMPTY_TEMPLATE_FORM;
    case 'edit':
    case 'starter': {
      const { name, usageType, contentType, subject, content } = origin.kind === 'edit' ? origin.template : origin.starter;
      return { name, usageType, contentType, subject, content };
    }
    default:
      return assertNever(origin);
  }
}

/** One usage type the select offers. */
export interface UsageOption {
  /** The value saved. */
  readonly value: string;
  /** False for a type Mailroom does not offer itself (kept from a Logto import so it stays selectable). */
  readonly known: boolean;
}

/** Mailroom's usage types, plus the current one when it is not among them. */
export function usageOptions(current: string): UsageOption[] {
  const known = USAGE_TYPES.map((value) => ({ value, known: true }));
  return current === '' || (USAGE_TYPES as readonly string[]).includes(current) ? known : [...known, { value: current, known: false }];
}

/** Whether a usage type is one Mailroom offers. */
export function isKnownUsageType(value: string): value is (typeof USAGE_TYPES)[number] {
  return (USAGE_TYPES as readonly string[]).includes(value);
}

/** Where a placeholder's value comes from when Mailroom sends. */
export type PlaceholderSource = 'built-in' | 'list';

/** A placeholder the template uses. */
export interface PlaceholderUse {
  /** The dotted path, as `placeholdersOf` gives it. */
  readonly path: string;
  /** `built-in` for `name`, `email` and `code`; `list` for anything the list's columns must supply. */
  readonly source: PlaceholderSource;
}

/** What subject and content use: placeholders in order of first use, and the syntax Mailroom refuses. */
export interface TemplateAnalysis {
  /** Placeholders, subject first. */
  readonly placeholders: readonly PlaceholderUse[];
  /** Unsupported constructs as written (shortened), e.g. `{{#if x}}`. */
  readonly unsupported: readonly string[];
}

/** Reads the placeholders and unsupported syntax of the subject and content. */
export function analyseTemplate(values: Pick<TemplateFormValues, 'subject' | 'content'>): TemplateAnalysis {
  const builtIn: ReadonlySet<string> = new Set(BUILT_IN_PLACEHOLDERS);
  return {
    placeholders: placeholdersOf(values.subject, values.content).map((path) => ({ path, source: builtIn.has(path) ? 'built-in' : 'list' })),
    unsupported: unsupportedSyntaxOf(values.subject, values.content),
  };
}

/** The outcome of checking the form: a draft to save, or what to fix first. */
export type TemplateCheck =
  | {
      readonly ok: true;
      /** The draft for `templates:save`. */
      readonly draft: TemplateDraft;
    }
  | {
      readonly ok: false;
      /** Fields to fix. */
      readonly fields: readonly TemplateField[];
      /** Unsupported syntax that blocks saving. */
      readonly unsupported: readonly string[];
    };

/**
 * Checks the form before saving. A name and a subject are required (a notice without a subject reads
 * as spam); unsupported syntax blocks saving. Placeholders no member can fill are not checked here:
 * that depends on the list, and Compose's pre-flight reports it per member.
 */
export function checkTemplateForm(values: TemplateFormValues, id?: string): TemplateCheck {
  const fields: TemplateField[] = [];
  if (values.name.trim() === '' || values.name.trim().length > LIMITS.name) fields.push('name');
  if (values.subject.trim() === '' || values.subject.length > LIMITS.subject) fields.push('subject');
  const { unsupported } = analyseTemplate(values);
  if (fields.length > 0 || unsupported.length > 0) return { ok: false, fields, unsupported };
  const draft: TemplateDraft = {
    name: values.name.trim(),
    usageType: values.usageType.trim() || 'Notice',
    contentType: values.contentType,
    subject: values.subject,
    content: values.content,
  };
  return { ok: true, draft: id === undefined ? draft : { ...draft, id } };
}

/** Whether the values differ from where the editor started. */
export function isDirty(initial: TemplateFormValues, values: TemplateFormValues): boolean {
  return (Object.keys(initial) as (keyof TemplateFormValues)[]).some((key) => initial[key] !== values[key]);
}

/** The field a server `invalid-input` message (`path: message`, see app/ipc/common/dispatch.ts) is about, if one the editor flags. */
export function fieldOfServerError(message: string): TemplateField | undefined {
  const name = /^([a-zA-Z]+)(?:\.[^:]*)?:/.exec(message)?.[1];
  return name === 'name' || name === 'subject' ? name : undefined;
}

/** Starters grouped by language, Korean first. */
export function startersByLanguage(starters: readonly Starter[]): { readonly language: Starter['language']; readonly starters: readonly Starter[] }[] {
  return (['ko', 'en'] as const).map((language) => ({ language, starters: starters.filter((s) => s.language === language) })).filter((g) => g.starters.length > 0);
}
