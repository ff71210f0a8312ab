/**
 * Reader-facing words of the republishing request flow: the option lists (media, audience
 * bands, territory scopes, publication languages), and the form's labels, hints and error
 * messages in English and Arabic. Kept here rather than in the site catalogues because
 * only these pages (and the quote email) use them.
 */
import type { TerritoryScope } from './request-territory.ts';

/** Media a licence may cover; the rate card has a multiplier for each. */
export const MEDIA = ['web', 'print', 'broadcast', 'newsletter'] as const;

/** Audience size bands; the rate card has a multiplier for each. */
export const AUDIENCE_BANDS = ['under-10k', '10k-100k', '100k-1m', 'over-1m'] as const;

/** Languages a licensee may publish in (ISO 639-1), with English and native names. */
export const PUBLICATION_LANGUAGES: Record<string, { name: string; native: string }> = {
  en: { name: 'English', native: 'English' },
  ar: { name: 'Arabic', native: 'العربية' },
  fr: { name: 'French', native: 'Français' },
  es: { name: 'Spanish', native: 'Español' },
  de: { name: 'German', native: 'Deutsch' },
  it: { name: 'Italian', native: 'Italiano' },
  pt: { name: 'Portuguese', native: 'Português' },
  nl: { name: 'Dutch', native: 'Nederlands' },
  tr: { name: 'Turkish', native: 'Türkçe' },
  fa: { name: 'Persian', native: 'فارسی' },
  he: { name: 'Hebrew', native: 'עברית' },
  ku: { name: 'Kurdish', native: 'Kurdî' },
  ur: { name: 'Urdu', native: 'اردو' },
  hi: { name: 'Hindi', native: 'हिन्दी' },
  ru: { name: 'Russian', native: 'Русский' },
  zh: { name: 'Chinese', native: '中文' },
  ja: { name: 'Japanese', native: '日本語' },
};

const MEDIUM_LABELS: Record<(typeof MEDIA)[number], string> = { web: 'Website', print: 'Print', broadcast: 'Broadcast (radio or TV)', newsletter: 'Email newsletter' };
const AUDIENCE_LABELS: Record<(typeof AUDIENCE_BANDS)[number], string> = {
  'under-10k': 'Under 10,000',
  '10k-100k': '10,000 to 100,000',
  '100k-1m': '100,000 to 1 million',
  'over-1m': 'Over 1 million',
};
const SCOPE_LABELS: Record<TerritoryScope, string> = { local: 'Local', national: 'National', regional: 'Middle East and North Africa', worldwide: 'Worldwide' };

function labelOf(table: Record<string, string>, key: string): string {
  return Object.hasOwn(table, key) ? (table[key] ?? key) : key;
}

/** A medium for people. */
export function mediumLabel(key: string): string {
  return labelOf(MEDIUM_LABELS, key);
}

/** An audience band for people. */
export function audienceLabel(key: string): string {
  return labelOf(AUDIENCE_LABELS, key);
}

/** A territory scope for people. */
export function scopeLabel(key: string): string {
  return labelOf(SCOPE_LABELS, key);
}

/** A publication language's English name (the code when unknown). */
export function languageName(code: string): string {
  return Object.hasOwn(PUBLICATION_LANGUAGES, code) ? (PUBLICATION_LANGUAGES[code]?.name ?? code) : code;
}

/** Why a field was refused; each has a sentence per language. */
export type FieldProblem =
  | 'required' | 'tooLong' | 'lineBreaks' | 'controlCharacters' | 'email' | 'url' | 'choice' | 'country' | 'date'
  | 'startPast' | 'endBeforeStart' | 'periodTooLong' | 'intendedOutside';

/** Names of the form's fields, in the order they appear. */
export const REQUEST_FIELDS = [
  'name', 'email', 'organisation', 'outletUrl', 'outletType', 'medium', 'territoryScope', 'country', 'language',
  'audienceBand', 'exclusive', 'periodStart', 'periodEnd', 'intendedDate', 'message',
] as const;

/** One field of the form. */
export type RequestField = (typeof REQUEST_FIELDS)[number];

/** Every text of the request pages in one language. */
export interface RequestTexts {
  formTitle: string;
  formIntro: string;
  forArticle: string;
  required: string;
  optional: string;
  labels: Record<RequestField, string>;
  hints: Partial<Record<RequestField, string>>;
  sections: { you: string; use: string; period: string; message: string };
  exclusiveYes: string;
  exclusiveNo: string;
  chooseOne: string;
  submit: string;
  problemsTitle: string;
  problems: Record<FieldProblem, string>;
  indicative: string;
}

const EN: RequestTexts = {
  formTitle: 'Request a republishing licence',
  formIntro: 'Tell us how you would like to republish this story. You will see an instant, indicative quote; an editor confirms every licence before it is issued.',
  forArticle: 'Story',
  required: 'required',
  optional: 'optional',
  labels: {
    name: 'Your name', email: 'Email address', organisation: 'Organisation', outletUrl: 'Your outlet’s website', outletType: 'Type of outlet',
    medium: 'Where it will appear', territoryScope: 'Territory', country: 'Country', language: 'Language you will publish in',
    audienceBand: 'Audience size', exclusive: 'Exclusive licence', periodStart: 'Licence starts', periodEnd: 'Licence ends',
    intendedDate: 'Planned publication date', message: 'Anything else we should know',
  },
  hints: {
    email: 'We send the quote and a link to follow your request here.',
    outletUrl: 'Starting with https:// or http://',
    territoryScope: 'Where your audience is. Regional means the Middle East and North Africa.',
    country: 'Needed for a national or local licence.',
    language: 'A translation costs more than republishing in the story’s own language.',
    audienceBand: 'Monthly readers, listeners or viewers of the outlet.',
    exclusive: 'An exclusive licence stops us licensing the story to others in the same territory and medium for its period.',
    periodEnd: 'At most five years after the start.',
    intendedDate: 'Within the licence period.',
    message: 'Up to 4,000 characters.',
  },
  sections: { you: 'About you', use: 'How you will use it', period: 'Licence period', message: 'Message' },
  exclusiveYes: 'Yes, exclusive',
  exclusiveNo: 'No, non-exclusive',
  chooseOne: 'Choose…',
  submit: 'Send request and see the quote',
  problemsTitle: 'Please correct the fields marked below.',
  problems: {
    required: 'This field is required.',
    tooLong: 'This is too long.',
    lineBreaks: 'This must fit on one line.',
    controlCharacters: 'This text holds an invisible control character (often carried along by pasted text). Retype or remove it; line breaks are fine.',
    email: 'Enter an email address like name@example.org.',
    url: 'Enter a web address starting with https:// or http://.',
    choice: 'Choose one of the options.',
    country: 'Choose the country for a national or local licence.',
    date: 'Enter a date like 2027-01-31.',
    startPast: 'The licence cannot start before today.',
    endBeforeStart: 'The licence must end after it starts.',
    periodTooLong: 'A licence can last at most five years.',
    intendedOutside: 'The planned date must fall within the licence period.',
  },
  indicative: 'This quote is indicative: an editor reviews every request and may confirm it, offer different terms, or decline.',
};

const AR: RequestTexts = {
  ...EN,
  formTitle: 'طلب ترخيص لإعادة النشر',
  formIntro: 'أخبرنا كيف تود إعادة نشر هذه القصة. سترى عرض سعر فوريًا وتقديريًا، ويؤكد أحد المحررين كل ترخيص قبل إصداره.',
  forArticle: 'القصة',
  required: 'مطلوب',
  optional: 'اختياري',
  labels: {
    name: 'الاسم', email: 'البريد الإلكتروني', organisation: 'المؤسسة', outletUrl: 'موقع وسيلتك الإعلامية', outletType: 'نوع الوسيلة',
    medium: 'مكان النشر', territoryScope: 'النطاق الجغرافي', country: 'البلد', language: 'لغة النشر',
    audienceBand: 'حجم الجمهور', exclusive: 'ترخيص حصري', periodStart: 'بداية الترخيص', periodEnd: 'نهاية الترخيص',
    intendedDate: 'تاريخ النشر المخطط', message: 'ملاحظات إضافية',
  },
  hints: {
    email: 'نرسل إليك عرض السعر ورابطًا لمتابعة طلبك.',
    outletUrl: 'يبدأ بـ https://‎ أو http://‎',
    territoryScope: 'مكان جمهورك. الإقليمي يعني الشرق الأوسط وشمال أفريقيا.',
    country: 'مطلوب للترخيص الوطني أو المحلي.',
    language: 'الترجمة تكلّف أكثر من إعادة النشر بلغة القصة الأصلية.',
    audienceBand: 'عدد القراء أو المستمعين أو المشاهدين شهريًا.',
    exclusive: 'الترخيص الحصري يمنعنا من ترخيص القصة لغيرك في النطاق والوسيلة نفسيهما طوال مدته.',
    periodEnd: 'خمس سنوات كحد أقصى من تاريخ البداية.',
    intendedDate: 'ضمن مدة الترخيص.',
    message: 'حتى 4000 حرف.',
  },
  sections: { you: 'معلوماتك', use: 'طريقة الاستخدام', period: 'مدة الترخيص', message: 'رسالة' },
  exclusiveYes: 'نعم، حصري',
  exclusiveNo: 'لا، غير حصري',
  chooseOne: 'اختر…',
  submit: 'أرسل الطلب واعرض السعر',
  problemsTitle: 'يرجى تصحيح الحقول المشار إليها أدناه.',
  problems: {
    required: 'هذا الحقل مطلوب.',
    tooLong: 'النص أطول من المسموح.',
    lineBreaks: 'يجب أن يكون في سطر واحد.',
    controlCharacters: 'يحتوي هذا النص على محرف تحكم غير مرئي (غالبًا ما يأتي مع النص الملصوق). احذفه أو أعد كتابة النص؛ فواصل الأسطر مسموح بها.',
    email: 'أدخل بريدًا إلكترونيًا مثل name@example.org.',
    url: 'أدخل عنوانًا يبدأ بـ https://‎ أو http://‎.',
    choice: 'اختر أحد الخيارات.',
    country: 'اختر البلد للترخيص الوطني أو المحلي.',
    date: 'أدخل تاريخًا مثل 2027-01-31.',
    startPast: 'لا يمكن أن يبدأ الترخيص قبل اليوم.',
    endBeforeStart: 'يجب أن ينتهي الترخيص بعد بدايته.',
    periodTooLong: 'لا تتجاوز مدة الترخيص خمس سنوات.',
    intendedOutside: 'يجب أن يقع تاريخ النشر ضمن مدة الترخيص.',
  },
  indicative: 'هذا السعر تقديري: يراجع أحد المحررين كل طلب وقد يؤكده أو يعرض شروطًا أخرى أو يعتذر عنه.',
};

/** The request pages' texts for an edition (English unless Arabic). */
export function requestTexts(language: string): RequestTexts {
  return language === 'ar' ? AR : EN;
}

/** Request statuses for the requester. */
export const STATUS_LABELS: Record<string, string> = {
  open: 'Received, waiting for an editor',
  countered: 'The newsroom has offered different terms',
  approved: 'Approved: your licence has been issued',
  declined: 'Declined',
};

/**
 * Event kinds the requester sees in the history, with their wording. Any other kind
 * (internal notes, reminders) stays in the admin.
 */
export const REQUESTER_EVENTS: Record<string, string> = {
  submitted: 'Request sent, with the instant quote',
  countered: 'The newsroom offered different terms',
  accepted: 'You accepted the newsroom’s offer',
  approved: 'Approved',
  licence_issued: 'Licence issued',
  declined: 'Declined',
};
