/**
 * The words of the `mailroom` command in Korean and English, and the explanation of a failure in the
 * same diagnosis-catalogue words the app shows (`app/diagnosis/common/diagnosis-words-*`).
 */
import type { PresetId } from '../../accounts/common/presets';
import { providerNameOf } from '../../accounts/common/provider-name';
import type { ProviderLimit } from '../../ipc/common/contract';
import type { AppErrorCode } from '../../ipc/common/app-error';
import { explainFailure } from '../../diagnosis/common/diagnosis-catalogue';
import type { SmtpFailure } from '../../diagnosis/common/smtp-diagnosis';
import { appErrorWordsEn, diagnosisWordsEn, oauthDiagnosisWordsEn } from '../../diagnosis/common/diagnosis-words-en';
import { appErrorWordsKo, diagnosisWordsKo, oauthDiagnosisWordsKo } from '../../diagnosis/common/diagnosis-words-ko';

/** The languages of the command. */
export type CliLanguage = 'ko' | 'en';

/** The language from the environment: LC_ALL, then LC_MESSAGES, then LANG (`ko_KR.UTF-8` → ko); else English. */
export function languageFromEnv(env: Readonly<Record<string, string | undefined>>): CliLanguage {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return tag.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

const en = {
  error: 'Error',
  hint: 'What to do',
  serverReply: 'Server reply',
  links: 'Links',
  sent: (to: string, id: string) => `Sent to ${to} (Message-ID ${id}).`,
  notSent: 'Not sent.',
  bouncesChecked: (bounces: number, unsubscribes: number, delayed: number, autoReplies: number, unmatched: number) =>
    `Mailbox checked: ${bounces} bounce(s) and ${unsubscribes} unsubscribe request(s) recorded; ${delayed} delay notice(s), ${autoReplies} auto-reply(ies) and ${unmatched} report(s) for no campaign row left alone.`,
  noMailbox: 'This account has no mailbox Mailroom can read (a relay or sending service): name the mailbox that receives its bounces in the app (Campaigns → Check for bounces).',
  locked: 'Saved passwords are locked.',
  noPassphrase: 'Give the passphrase with MAILROOM_PASSPHRASE, --passphrase-fd N, or run the command in a terminal to be asked for it.',
  passphrasePrompt: 'Mailroom passphrase: ',
  imported: (name: string, accepted: number, rejected: number) => `List "${name}": ${accepted} members imported, ${rejected} rows rejected.`,
  created: (id: string, recipients: number) => `Campaign ${id} created: ${recipients} recipients.`,
  blocked: 'The pre-flight check found problems that block sending:',
  pausing: 'Pausing… (press Ctrl-C again to stop at once; the journal stays resumable)',
  paused: (id: string) => `Paused. Resume with: mailroom campaign resume ${id}`,
  waiting: (at: string) => `The daily limit is reached; the campaign can go on at ${at}.`,
  providerSaid: (provider: string, reply: string) => `${provider} said: ${reply}`,
  providerWaiting: (at: string) => `Sending on this login can go on at ${at}.`,
  done: (status: string) => `Campaign ${status}.`,
  runningElsewhere: (who: string) => `Asked ${who} to pause.`,
  exported: (file: string) => `Wrote ${file}.`,
  renamed: (name: string) => `Renamed: ${name}`,
  archived: (name: string) => `Archived: ${name} (it no longer shows in the history; mailroom campaign archive --restore brings it back).`,
  restored: (name: string) => `Back in the history: ${name}`,
  deleteQuestion: (name: string, recipients: number) => `Delete "${name}" with its ${recipients} recipients' results and its journal? This cannot be undone. Type yes to delete: `,
  deleteNeedsYes: 'Deleting cannot be undone: add --yes to delete without a question (no terminal to ask on).',
  deleted: (name: string) => `Deleted: ${name}`,
  notDeleted: 'Nothing was deleted.',
};

/** The command's words in one language. */
export type CliWords = typeof en;

const ko: CliWords = {
  error: '오류',
  hint: '해결 방법',
  serverReply: '서버 응답',
  links: '링크',
  sent: (to, id) => `${to}(으)로 보냈습니다 (Message-ID ${id}).`,
  notSent: '보내지 못했습니다.',
  bouncesChecked: (bounces, unsubscribes, delayed, autoReplies, unmatched) =>
    `메일함 확인 완료: 반송 ${bounces}건, 수신 거부 요청 ${unsubscribes}건을 기록했습니다. 지연 알림 ${delayed}건, 자동 응답 ${autoReplies}건, 해당 캠페인 행이 없는 보고 ${unmatched}건은 그대로 두었습니다.`,
  noMailbox: '이 계정에는 Mailroom이 읽을 수 있는 메일함이 없습니다(릴레이·발송 서비스). 앱에서 반송을 받는 메일함을 지정하세요 (캠페인 → 반송 확인).',
  locked: '저장된 비밀번호가 잠겨 있습니다.',
  noPassphrase: 'MAILROOM_PASSPHRASE 환경 변수나 --passphrase-fd N으로 암호문을 주거나, 터미널에서 실행해 입력하세요.',
  passphrasePrompt: 'Mailroom 암호문: ',
  imported: (name, accepted, rejected) => `목록 "${name}": 회원 ${accepted}명을 가져왔고 ${rejected}행은 제외했습니다.`,
  created: (id, recipients) => `캠페인 ${id}을(를) 만들었습니다: 받는 사람 ${recipients}명.`,
  blocked: '발송 전 점검에서 발송을 막는 문제가 나왔습니다:',
  pausing: '일시 정지하는 중… (Ctrl-C를 한 번 더 누르면 바로 멈춥니다. 기록은 이어서 보낼 수 있게 남습니다)',
  paused: (id) => `일시 정지했습니다. 이어서 보내려면: mailroom campaign resume ${id}`,
  waiting: (at) => `하루 발송 한도에 도달했습니다. ${at}부터 이어서 보낼 수 있습니다.`,
  providerSaid: (provider, reply) => `${provider}의 응답: ${reply}`,
  providerWaiting: (at) => `이 로그인으로는 ${at}부터 다시 보낼 수 있습니다.`,
  done: (status) => `캠페인 상태: ${status}.`,
  runningElsewhere: (who) => `${who}에 일시 정지를 요청했습니다.`,
  exported: (file) => `${file} 파일을 썼습니다.`,
  renamed: (name) => `이름을 바꿨습니다: ${name}`,
  archived: (name) => `보관했습니다: ${name} (기록에 보이지 않습니다. mailroom campaign archive --restore 로 되돌릴 수 있습니다).`,
  restored: (name) => `기록으로 되돌렸습니다: ${name}`,
  deleteQuestion: (name, recipients) => `“${name}”을(를) 받는 사람 ${recipients}명의 결과와 기록 파일까지 삭제할까요? 되돌릴 수 없습니다. 삭제하려면 yes를 입력하세요: `,
  deleteNeedsYes: '삭제는 되돌릴 수 없습니다. 물어볼 터미널이 없으니 --yes를 붙여 실행하세요.',
  deleted: (name) => `삭제했습니다: ${name}`,
  notDeleted: '아무것도 삭제하지 않았습니다.',
};

/** The words of a language. */
export function cliWords(language: CliLanguage): CliWords {
  return language === 'ko' ? ko : en;
}

/** The words of a core error code. */
export function errorWords(language: CliLanguage, code: AppErrorCode): string {
  return (language === 'ko' ? appErrorWordsKo : appErrorWordsEn)[code];
}

interface DiagnosisEntry {
  readonly title: string;
  readonly body: string;
  readonly steps: readonly string[];
}

/**
 * A failure explained as the app's diagnosis panel does: title, what it means, the server's reply, the
 * numbered steps, the links and whether retrying helps — one line each, in the language chosen.
 */
export function explainForTerminal(language: CliLanguage, failure: SmtpFailure, presetId: PresetId): string[] {
  const words = language === 'ko' ? { ...oauthDiagnosisWordsKo, ...diagnosisWordsKo } : { ...oauthDiagnosisWordsEn, ...diagnosisWordsEn };
  const explanation = explainFailure(failure.diagnosis, presetId);
  const path = explanation.key.split('.').slice(1);
  let entry: unknown = words;
  for (const step of path) entry = (entry as Record<string, unknown> | undefined)?.[step];
  const found = entry as DiagnosisEntry | undefined;
  const t = cliWords(language);
  const lines: string[] = [];
  if (found?.title) lines.push(found.title, found.body);
  lines.push(`${t.serverReply}: ${failure.response ?? failure.message}`);
  if (found?.steps.length) {
    lines.push(`${words.stepsTitle}:`);
    found.steps.forEach((step, i) => lines.push(`  ${i + 1}. ${step}`));
  }
  if (explanation.links.length > 0) lines.push(`${t.links}: ${explanation.links.join(' ')}`);
  lines.push(words.retry[explanation.retry]);
  return lines;
}

/**
 * A time as the admin reads it: the date and minute in their time zone (the process's, or the one given),
 * with the zone named. Rounded up to the minute, so the time shown is never earlier than the real one.
 */
export function localTime(iso: string, timeZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  const ms = Math.ceil(Date.parse(iso) / 60_000) * 60_000;
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${timeZone})`;
}

/** The lines that give the provider's word on its daily limit and the time sending can go on, in the admin's time zone. */
export function providerLimitLines(language: CliLanguage, presetId: PresetId, held: ProviderLimit, timeZone?: string): string[] {
  const words = cliWords(language);
  return [words.providerSaid(providerNameOf(presetId, language), held.reply.replace(/\s*\n\s*/g, ' ')), words.providerWaiting(localTime(held.resumeAt, timeZone))];
}
