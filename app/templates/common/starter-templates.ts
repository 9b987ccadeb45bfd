/**
 * Templates a new user can start from, in Korean and English: an announcement, an event reminder and
 * a password-reset code. They use only Mailroom's plain `{{path}}` placeholders; the sender's name is
 * left as text to edit (`○○학교 행정실`, `[Your organisation]`) because it is the same for everyone.
 * The notices end with a footer whose visible unsubscribe line (`{{unsubscribe}}`) names the same
 * address as their List-Unsubscribe header; the password reset, which the member asked for, has none.
 */
import type { TemplateDraft, USAGE_TYPES } from '../../ipc/common/contract';

/** A ready-made template the user can copy and edit. */
export interface StarterTemplate {
  /** Stable id, `<kind>-<language>`, e.g. `event-reminder-ko`. */
  readonly id: string;
  /** The language the template is written in. */
  readonly language: 'ko' | 'en';
  /** What the template is for. */
  readonly usageType: Extract<(typeof USAGE_TYPES)[number], 'Generic' | 'Notice' | 'ForgotPassword'>;
  /** Name shown in the app (and given to the copy). */
  readonly name: string;
  /** Body format. */
  readonly contentType: TemplateDraft['contentType'];
  /** Subject line, with placeholders. */
  readonly subject: string;
  /** Body, with placeholders. */
  readonly content: string;
  /**
   * The placeholders a member needs besides `name`, `email` and `unsubscribe` (which every member has),
   * in order of first use: the columns the list must have, or `code` for a campaign that supplies codes.
   */
  readonly fields: readonly string[];
}

/** Inline-styled wrapper for the HTML starters: no scripts, no images, no external resources. */
function htmlDocument(language: 'ko' | 'en', body: string): string {
  const fonts = language === 'ko' ? `'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif` : `Helvetica, Arial, sans-serif`;
  return `<!DOCTYPE html>
<html lang="${language}">
<head><meta charset="utf-8"></head>
<body>
<div style="font-family: ${fonts}; font-size: 15px; line-height: 1.6; color: #222222; max-width: 600px;">
${body.trim()}
</div>
</body>
</html>
`;
}

/** The notices' footer line style: small and grey, below the signature. */
const FOOTER_STYLE = 'margin-top: 28px; padding-top: 12px; border-top: 1px solid #e3e6ea; font-size: 12px; line-height: 1.5; color: #666666;';

/** The footer of the notices, with the visible unsubscribe line Gmail asks bulk senders for. */
export const STARTER_FOOTERS = {
  ko: {
    text: `--
이 메일은 ○○학교 행정실에서 보내 드리는 공지입니다.
앞으로 공지 메일을 받지 않으시려면 여기로 수신 거부를 요청해 주세요: {{unsubscribe}}
`,
    html: `<p style="${FOOTER_STYLE}">이 메일은 ○○학교 행정실에서 보내 드리는 안내입니다.<br>앞으로 안내 메일을 받지 않으시려면 여기로 수신 거부를 요청해 주세요: {{unsubscribe}}</p>`,
  },
  en: {
    text: `--
You are receiving this notice from [Your organisation].
If you no longer wish to receive these notices, unsubscribe here: {{unsubscribe}}
`,
    html: `<p style="${FOOTER_STYLE}">You are receiving this reminder from [Your organisation].<br>If you no longer wish to receive these emails, unsubscribe here: {{unsubscribe}}</p>`,
  },
} as const;

const CODE_STYLE =
  'display: inline-block; margin: 8px 0; padding: 12px 20px; font-size: 26px; font-weight: bold; letter-spacing: 6px; background-color: #f2f4f7; border-radius: 6px;';

/** Every starter template, Korean first, then English. */
export const STARTER_TEMPLATES: readonly StarterTemplate[] = [
  {
    id: 'announcement-ko',
    language: 'ko',
    usageType: 'Notice',
    name: '공지 안내',
    contentType: 'text/plain',
    subject: '[공지] {{name}}님께 알려 드립니다',
    content: `{{name}}님, 안녕하세요.
○○학교 행정실입니다.

아래와 같이 알려 드리니 확인해 주시기 바랍니다.

(여기에 공지 내용을 적어 주세요.)

궁금하신 점은 이 메일에 회신해 주시면 답변드리겠습니다.
감사합니다.

${STARTER_FOOTERS.ko.text}`,
    fields: [],
  },
  {
    id: 'event-reminder-ko',
    language: 'ko',
    usageType: 'Notice',
    name: '행사 일정 알림',
    contentType: 'text/html',
    subject: '[안내] {{event}} 일정을 알려 드립니다 ({{eventDate}})',
    content: htmlDocument(
      'ko',
      `
<p>{{name}}님, 안녕하세요.<br>○○학교 행정실입니다.</p>
<p><strong>{{event}}</strong> 일정을 다시 한번 알려 드립니다.</p>
<ul>
  <li>일시: {{eventDate}}</li>
  <li>장소: {{place}}</li>
</ul>
<p>참석이 어려우시면 이 메일에 회신하여 미리 알려 주시기 바랍니다.</p>
<p>감사합니다.</p>
${STARTER_FOOTERS.ko.html}
`,
    ),
    fields: ['event', 'eventDate', 'place'],
  },
  {
    id: 'password-reset-ko',
    language: 'ko',
    usageType: 'ForgotPassword',
    name: '비밀번호 재설정 인증 코드',
    contentType: 'text/html',
    subject: '비밀번호 재설정 인증 코드를 보내 드립니다',
    content: htmlDocument(
      'ko',
      `
<p>{{name}}님, 안녕하세요.</p>
<p>비밀번호 재설정을 요청하셔서 인증 코드를 보내 드립니다. 아래 코드를 입력해 주세요.</p>
<p style="${CODE_STYLE}">{{code}}</p>
<p>인증 코드는 다른 사람에게 알려 주지 마시기 바랍니다.<br>본인이 요청하지 않으셨다면 이 메일은 무시하셔도 됩니다. 비밀번호는 바뀌지 않습니다.</p>
<p>○○학교 행정실 드림</p>
`,
    ),
    fields: ['code'],
  },
  {
    id: 'announcement-en',
    language: 'en',
    usageType: 'Notice',
    name: 'Announcement',
    contentType: 'text/plain',
    subject: '[Notice] An update for {{name}}',
    content: `Dear {{name}},

Please read the notice below.

(Write your notice here.)

If you have any questions, just reply to this email.

Kind regards,
[Your organisation]

${STARTER_FOOTERS.en.text}`,
    fields: [],
  },
  {
    id: 'event-reminder-en',
    language: 'en',
    usageType: 'Notice',
    name: 'Event reminder',
    contentType: 'text/html',
    subject: 'Reminder: {{event}} on {{eventDate}}',
    content: htmlDocument(
      'en',
      `
<p>Dear {{name}},</p>
<p>This is a reminder about <strong>{{event}}</strong>.</p>
<ul>
  <li>When: {{eventDate}}</li>
  <li>Where: {{place}}</li>
</ul>
<p>If you can no longer come, please reply to this email to let us know.</p>
<p>Kind regards,<br>[Your organisation]</p>
${STARTER_FOOTERS.en.html}
`,
    ),
    fields: ['event', 'eventDate', 'place'],
  },
  {
    id: 'password-reset-en',
    language: 'en',
    usageType: 'ForgotPassword',
    name: 'Password reset code',
    contentType: 'text/html',
    subject: 'Your password reset code',
    content: htmlDocument(
      'en',
      `
<p>Hello {{name}},</p>
<p>We received a request to reset your password. Enter this code to continue:</p>
<p style="${CODE_STYLE}">{{code}}</p>
<p>Do not share this code with anyone.<br>If you did not ask to reset your password, you can ignore this email; your password will not change.</p>
<p>[Your organisation]</p>
`,
    ),
    fields: ['code'],
  },
];

/** A new template draft (no id) copied from a starter. */
export function draftFromStarter(starter: StarterTemplate): TemplateDraft {
  return { name: starter.name, usageType: starter.usageType, contentType: starter.contentType, subject: starter.subject, content: starter.content };
}
