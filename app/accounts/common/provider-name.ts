/** The short name of the provider behind a preset, for "Gmail said: …" (brand names, the same in ko/en but Naver and Daum). */
import type { PresetId } from './presets';

const NAMES: Readonly<Record<PresetId, { readonly en: string; readonly ko: string }>> = {
  gmail: { en: 'Gmail', ko: 'Gmail' },
  workspace: { en: 'Google Workspace', ko: 'Google Workspace' },
  'workspace-relay': { en: 'Google Workspace relay', ko: 'Google Workspace 릴레이' },
  microsoft365: { en: 'Microsoft 365', ko: 'Microsoft 365' },
  naver: { en: 'Naver', ko: '네이버' },
  daum: { en: 'Daum', ko: '다음' },
  sendgrid: { en: 'SendGrid', ko: 'SendGrid' },
  aliyun: { en: 'Alibaba Cloud', ko: 'Alibaba Cloud' },
  ses: { en: 'Amazon SES', ko: 'Amazon SES' },
  mailgun: { en: 'Mailgun', ko: 'Mailgun' },
  custom: { en: 'The server', ko: '서버' },
};

/** The provider's name in a language (a custom server is "the server"). */
export function providerNameOf(presetId: PresetId, language: 'ko' | 'en'): string {
  return (NAMES[presetId] ?? NAMES.custom)[language];
}
