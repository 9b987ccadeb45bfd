/** How a usage type reads in the UI: Mailroom's own types by their words, others as imported. */
import type { TFunction } from 'i18next';
import { isKnownUsageType } from './template-editor-model';

/** The words for a usage type, e.g. `Password reset` for `ForgotPassword`. */
export function usageLabel(t: TFunction, usageType: string): string {
  return isKnownUsageType(usageType) ? t(`templatesScreen.usage.${usageType}`) : t('templatesScreen.usageImported', { type: usageType });
}

/** A select option's words: the label, with the value Logto uses when the two differ. */
export function usageOptionLabel(t: TFunction, usageType: string): string {
  const label = usageLabel(t, usageType);
  return isKnownUsageType(usageType) && label !== usageType ? `${label} (${usageType})` : label;
}
